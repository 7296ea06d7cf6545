/**
 * One ground-truth / prediction pair scored the one way both the CLI and the
 * evaluation engine do it: size check, confusion counts (with an optional
 * prediction LUT), a ground-truth error naming the file, boundary counts on
 * the LUT-mapped prediction, the image's own scores.
 */
import { AppError } from "@/lib/core/errors";
// The checks module alone: the masks index would pull the PNG decoder into every importer of lib/core/metrics.
import { checkLabelValues, checkSameSize } from "@/lib/core/masks/checks";
import { accumulateBoundary, createBoundaryCounts, type BoundaryCounts, type LabelMapLike } from "../metrics/boundary";
import { accumulate, createConfusion, toSparse, type ConfusionMatrix } from "../metrics/confusion";
import { computeScores, type Scores } from "../metrics/scores";

export interface ScorePairOptions {
  numClasses: number;
  /** Ground-truth values that count nowhere (void). */
  ignoreValues: readonly number[];
  /** Class mapping of prediction values: lut[predValue] = class index; -1, >= numClasses or beyond the table = outside the class list. */
  predLut?: Int32Array;
  /** Count boundary IoU (the costly part on large masks); when false the returned boundary counts are all zero. */
  boundary: boolean;
  /** Names used in error messages, e.g. file paths or "s7 (ground truth)". */
  gtName: string;
  predName: string;
}

/** Reusable buffers: scoring with one scratch allocates nothing pixel-sized per image. One per thread or loop. */
export interface ScorePairScratch {
  confusion: ConfusionMatrix;
  boundary: BoundaryCounts;
  /** The LUT-mapped prediction for boundary counting; grown on demand, only used with a predLut. */
  mapped: Uint8Array | Uint16Array;
}

/**
 * The scores of one pair. `confusion` and `boundary` are the scratch's own
 * buffers: read or copy them before the next call with the same scratch.
 */
export interface PairScore {
  /** The image's dense confusion matrix (rows = ground truth, last column = spill). */
  confusion: ConfusionMatrix;
  /** The same matrix as [gtClass, predColumn, count] triples of nonzero cells (see toSparse). */
  sparse: [number, number, number][];
  /** Boundary IoU intersection / union per class; all zero when options.boundary is false. */
  boundary: BoundaryCounts;
  /** The image's own scores (NaN where undefined). */
  scores: Scores;
}

/** Scratch for numClasses classes (1..MAX_CLASSES); reuse it for every pair of that class count. */
export function createScorePairScratch(numClasses: number): ScorePairScratch {
  return {
    confusion: createConfusion(numClasses),
    boundary: createBoundaryCounts(numClasses),
    mapped: numClasses < 256 ? new Uint8Array(0) : new Uint16Array(0),
  };
}

/**
 * Scores one image pair. Throws AppError("invalid_input") when the sizes
 * differ (naming both) or when the ground truth holds a value that is neither
 * a class index nor an ignore value (naming gtName, the bad values and their
 * pixel counts). A prediction outside the class list (after predLut) is not
 * an error: it lands in the spill column and belongs to no class's boundary.
 * The valid case makes no pass over the pixels besides accumulate and, when
 * asked, the boundary sweep (plus one LUT pass when a predLut is given).
 */
export function scorePair(
  gt: LabelMapLike,
  pred: LabelMapLike,
  opts: ScorePairOptions,
  scratch: ScorePairScratch = createScorePairScratch(opts.numClasses),
): PairScore {
  const { numClasses, ignoreValues, predLut } = opts;
  if (scratch.confusion.numClasses !== numClasses || scratch.boundary.numClasses !== numClasses) {
    throw new AppError("invalid_input", `scorePair: the scratch holds ${scratch.confusion.numClasses} classes but the options say ${numClasses}`);
  }
  checkSameSize(gt, pred, opts.gtName, opts.predName);
  const { confusion, boundary } = scratch;
  confusion.counts.fill(0);
  try {
    // accumulate refuses ground-truth values outside the class list itself, so the valid case costs no extra pass.
    accumulate(confusion, gt.data, pred.data, { numClasses, ignoreValues, predLut });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    checkLabelValues(gt, { numClasses, ignoreValues, fileName: opts.gtName, role: "ground truth" });
    throw new AppError("invalid_input", `${opts.gtName}: ${error.message.replace(/^accumulate: /, "")}`);
  }
  boundary.intersection.fill(0);
  boundary.union.fill(0);
  if (opts.boundary) {
    const mappedPred = predLut ? mapPrediction(pred, predLut, scratch) : pred;
    accumulateBoundary(boundary, gt, mappedPred, { numClasses, ignoreValues });
  }
  return { confusion, sparse: toSparse(confusion), boundary, scores: computeScores(confusion) };
}

/**
 * The prediction through the class LUT, in the scratch's buffer: a class
 * index, or numClasses for anything outside the class list (as accumulate
 * counts it). Bytes when every class index fits, which also keeps the
 * boundary sweep on its 8-bit path.
 */
function mapPrediction(pred: LabelMapLike, lut: Int32Array, scratch: ScorePairScratch): LabelMapLike {
  const src = pred.data;
  const n = src.length;
  const numClasses = scratch.confusion.numClasses;
  if (scratch.mapped.length < n) {
    scratch.mapped = numClasses < 256 ? new Uint8Array(n) : new Uint16Array(n);
  }
  const out = scratch.mapped;
  const lutLength = lut.length;
  for (let i = 0; i < n; i++) {
    const v = src[i];
    const mapped = v < lutLength ? lut[v] : -1;
    out[i] = mapped >= 0 && mapped < numClasses ? mapped : numClasses;
  }
  return { width: pred.width, height: pred.height, data: out.subarray(0, n) };
}
