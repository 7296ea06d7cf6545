import "server-only";
import { createScorePairScratch, scorePair, type ScorePairScratch } from "@/lib/core/metrics";
import type { LabelMap } from "@/lib/core/masks";

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
 * Scores one image of an evaluation (lib/core/metrics scorePair, boundary IoU
 * always on): validates the ground truth (values must be classes or void; a
 * prediction outside the class list is not an error, it counts as wrong),
 * checks sizes, and returns the image's own sparse confusion matrix and
 * boundary counts as plain arrays, so any aggregate can be recomputed later.
 * Errors name `${name} (ground truth)` / `${name} (prediction)`. Pass one
 * scratch per run (createScorePairScratch) to reuse its buffers across images.
 */
export function scoreImage(
  name: string,
  gt: LabelMap,
  pred: LabelMap,
  opts: ImageScoringOptions,
  scratch: ScorePairScratch = createScorePairScratch(opts.numClasses),
): ScoredImage {
  const scored = scorePair(
    gt,
    pred,
    { ...opts, boundary: true, gtName: `${name} (ground truth)`, predName: `${name} (prediction)` },
    scratch,
  );
  return {
    confusion: scored.sparse,
    boundary: { intersection: Array.from(scored.boundary.intersection), union: Array.from(scored.boundary.union) },
    miou: scored.scores.miou,
    pixelAccuracy: scored.scores.pixelAccuracy,
    evaluatedPixels: scored.scores.evaluatedPixels,
  };
}
