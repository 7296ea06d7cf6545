import { accumulate, accumulateBoundary, computeScores, createBoundaryCounts, createConfusion, toSparse } from "@/lib/metrics";
import { checkLabelValues, checkSameSize, type LabelMap } from "@/lib/masks";

export interface ImageScoringOptions {
  numClasses: number;
  ignoreValues: readonly number[];
  predLut?: Int32Array;
}

export interface ScoredImage {
  confusion: [number, number, number][];
  boundary: { intersection: number[]; union: number[] };
  miou: number;
  pixelAccuracy: number;
  evaluatedPixels: number;
}

/**
 * Scores one image: validates the ground truth (values must be classes or
 * void; a prediction outside the class list is not an error, it counts as
 * wrong), checks sizes, and returns the image's own sparse confusion matrix
 * and boundary counts so any aggregate can be recomputed later.
 */
export function scoreImage(name: string, gt: LabelMap, pred: LabelMap, opts: ImageScoringOptions): ScoredImage {
  checkSameSize(gt, pred, `${name} (ground truth)`, `${name} (prediction)`);
  const cm = createConfusion(opts.numClasses);
  try {
    // accumulate itself refuses ground-truth values outside the class list, so the valid case costs no extra pass.
    accumulate(cm, gt.data, pred.data, { numClasses: opts.numClasses, ignoreValues: opts.ignoreValues, predLut: opts.predLut });
  } catch (error) {
    checkLabelValues(gt, { numClasses: opts.numClasses, ignoreValues: opts.ignoreValues, fileName: `${name} (ground truth)`, role: "ground truth" });
    throw error;
  }
  const mappedPred = opts.predLut ? applyLut(pred, opts.predLut, opts.numClasses) : pred;
  const boundary = createBoundaryCounts(opts.numClasses);
  accumulateBoundary(boundary, gt, mappedPred, { numClasses: opts.numClasses, ignoreValues: opts.ignoreValues });
  const scores = computeScores(cm);
  return {
    confusion: toSparse(cm),
    boundary: { intersection: Array.from(boundary.intersection), union: Array.from(boundary.union) },
    miou: scores.miou,
    pixelAccuracy: scores.pixelAccuracy,
    evaluatedPixels: scores.evaluatedPixels,
  };
}

/** Maps a prediction through a class LUT; unmapped labels become `numClasses` (out of the class list, counted as wrong). */
function applyLut(pred: LabelMap, lut: Int32Array, numClasses: number): LabelMap {
  const out = new Uint16Array(pred.data.length);
  for (let i = 0; i < out.length; i++) {
    const v = pred.data[i];
    const mapped = v < lut.length ? lut[v] : -1;
    out[i] = mapped >= 0 && mapped < numClasses ? mapped : numClasses;
  }
  return { width: pred.width, height: pred.height, data: out };
}
