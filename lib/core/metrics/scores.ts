import type { ConfusionMatrix } from "./confusion";

export interface ClassScores {
  index: number; iou: number; dice: number; precision: number; recall: number; // NaN when undefined
  tp: number; fp: number; fn: number; gtPixels: number; predPixels: number;
}

export interface Scores {
  perClass: ClassScores[];
  miou: number; mdice: number; pixelAccuracy: number; meanClassAccuracy: number; fwIou: number; // NaN when undefined
  evaluatedPixels: number; invalidPredictions: number[]; // spill column per gt class
}

/** a / b, or NaN when b is 0 (an undefined ratio is never 0 or 1). */
export function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

/** Unweighted mean of the values that are not NaN; NaN when none is. */
export function nanMean(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}

/**
 * Scores of one confusion matrix (one image or a whole dataset), DESIGN.md
 * conventions: TP = C[k,k]; FP = column sum - TP (the spill column is no
 * class, so it adds to no FP); FN = row sum (incl. spill) - TP.
 * IoU = TP/(TP+FP+FN), Dice = 2TP/(2TP+FP+FN), precision = TP/(TP+FP),
 * recall = TP/(TP+FN); a zero denominator gives NaN, left out of means.
 * mIoU, mean Dice, mean class accuracy (= mean recall): unweighted means over
 * classes with a defined value. evaluatedPixels = every non-void gt pixel
 * (spill included); pixel accuracy = trace / evaluatedPixels.
 * fwIoU (FCN / mmseg): freq_k = rowsum_k / evaluatedPixels,
 * fwIoU = sum of freq_k * IoU_k over classes with defined IoU.
 */
export function computeScores(cm: ConfusionMatrix): Scores {
  const n = cm.numClasses;
  const cols = n + 1;
  const c = cm.counts;
  const colSum = new Float64Array(n);
  const rowSum = new Float64Array(n);
  const invalidPredictions: number[] = [];
  let total = 0;
  let trace = 0;
  for (let g = 0; g < n; g++) {
    let row = 0;
    for (let p = 0; p < n; p++) {
      const v = c[g * cols + p];
      row += v;
      colSum[p] += v;
    }
    const spill = c[g * cols + n];
    row += spill;
    invalidPredictions.push(spill);
    rowSum[g] = row;
    total += row;
    trace += c[g * cols + g];
  }
  const perClass: ClassScores[] = [];
  const ious = new Float64Array(n);
  const dices = new Float64Array(n);
  const recalls = new Float64Array(n);
  let fw = 0;
  for (let k = 0; k < n; k++) {
    const tp = c[k * cols + k];
    const fp = colSum[k] - tp;
    const fn = rowSum[k] - tp;
    const iou = ratio(tp, tp + fp + fn);
    const dice = ratio(2 * tp, 2 * tp + fp + fn);
    const recall = ratio(tp, tp + fn);
    ious[k] = iou;
    dices[k] = dice;
    recalls[k] = recall;
    if (!Number.isNaN(iou)) fw += (rowSum[k] / total) * iou;
    perClass.push({
      index: k, iou, dice, precision: ratio(tp, tp + fp), recall,
      tp, fp, fn, gtPixels: rowSum[k], predPixels: colSum[k],
    });
  }
  return {
    perClass,
    miou: nanMean(ious),
    mdice: nanMean(dices),
    pixelAccuracy: ratio(trace, total),
    meanClassAccuracy: nanMean(recalls),
    fwIou: total === 0 ? NaN : fw,
    evaluatedPixels: total,
    invalidPredictions,
  };
}
