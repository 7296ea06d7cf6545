import type { ConfusionMatrix } from "./confusion";

/**
 * Per class, the IoUs of every (image, class) pair with the class present
 * in the image's ground truth or prediction (TP + FP + FN > 0), sorted
 * ascending: built once from the stored per-image matrices, it answers
 * "correct at IoU >= t" for any t by binary search, without re-running.
 */
export interface ThresholdIndex { perClass: Float64Array[] }

/** IoU per class of one image from its matrix; NaN where the class is absent from both ground truth and prediction. */
export function imageClassIous(cm: ConfusionMatrix): Float64Array {
  const k = cm.numClasses;
  const cols = k + 1;
  const rowSum = new Float64Array(k);
  const colSum = new Float64Array(k);
  for (let g = 0; g < k; g++) {
    for (let p = 0; p <= k; p++) {
      const v = cm.counts[g * cols + p];
      rowSum[g] += v;
      if (p < k) colSum[p] += v;
    }
  }
  const out = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const tp = cm.counts[c * cols + c];
    const union = rowSum[c] + colSum[c] - tp;
    out[c] = union > 0 ? tp / union : NaN;
  }
  return out;
}

/** Builds the index from per-image per-class IoUs (NaN = pair not counted). */
export function buildThresholdIndex(numClasses: number, imageIous: Iterable<ArrayLike<number>>): ThresholdIndex {
  const lists: number[][] = Array.from({ length: numClasses }, () => []);
  for (const ious of imageIous) {
    for (let c = 0; c < numClasses; c++) if (!Number.isNaN(ious[c])) lists[c].push(ious[c]);
  }
  return { perClass: lists.map((l) => Float64Array.from(l).sort()) };
}

/** Number of values >= t in an ascending array. */
function countAtLeast(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] >= t) hi = mid;
    else lo = mid + 1;
  }
  return sorted.length - lo;
}

/** "Correct at IoU >= t": per class and overall, the same numbers as `aggregate(...).threshold` at that t. Share NaN without pairs. */
export function thresholdAt(index: ThresholdIndex, t: number): { t: number; correct: number; total: number; share: number; perClass: { correct: number; total: number }[] } {
  const perClass = index.perClass.map((sorted) => ({ correct: countAtLeast(sorted, t), total: sorted.length }));
  const correct = perClass.reduce((a, p) => a + p.correct, 0);
  const total = perClass.reduce((a, p) => a + p.total, 0);
  return { t, correct, total, share: total > 0 ? correct / total : NaN, perClass };
}

/** Thresholds 0.05, 0.10, …, 0.95 (rounded to 2 decimals) for the share-correct curve. */
export const THRESHOLD_STEPS: readonly number[] = Array.from({ length: 19 }, (_, i) => Math.round((0.05 + i * 0.05) * 100) / 100);
