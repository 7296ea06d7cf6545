import { AppError } from "@/lib/core/errors";
import { boundaryIou, createBoundaryCounts, mergeBoundary, type BoundaryCounts } from "./boundary";
import { createConfusion, mergeConfusion, type ConfusionMatrix } from "./confusion";
import { computeScores, nanMean, ratio, type Scores } from "./scores";

/** One image's stored result: its own matrix and boundary counts, enough to recompute any aggregate later. */
export interface ImageResult { name: string; confusion: ConfusionMatrix; boundary?: BoundaryCounts; tags?: readonly string[] }

export interface AggregateOptions { iouThreshold?: number /* default 0.5 */ }

export interface PerImageScores { name: string; miou: number; mdice: number; pixelAccuracy: number; perClassIou: number[] }

export interface Aggregate {
  datasetLevel: Scores;               // sum of matrices then scores (the default)
  perImageMean: { miou: number; mdice: number; pixelAccuracy: number; perClassIou: number[] }; // mean over images of per-image scores, NaN excluded
  perImage: PerImageScores[];
  threshold: { t: number; correct: number; total: number; share: number; perClass: { correct: number; total: number }[] }; // (image, class present in gt or pred) pairs with IoU >= t
  imagesPresent: number[];            // per class: images where the class appears in ground truth
  boundary?: { perClass: number[]; mean: number };
}

export const DEFAULT_IOU_THRESHOLD = 0.5;

/**
 * Every aggregate of an evaluation, from the per-image matrices alone:
 * - datasetLevel: matrices summed, then scored (the default, as FCN/mmseg);
 * - perImage / perImageMean: each image scored on its own matrix; the mean
 *   over images skips an image whose value is NaN (per class: images where
 *   the class is absent from both gt and pred);
 * - threshold: over (image, class) pairs where the class is present in the
 *   image's gt or prediction (TP + FP + FN > 0, so IoU is defined), the share
 *   with IoU >= t (share NaN when there is no pair);
 * - imagesPresent[k]: images whose (non-void) ground truth contains class k;
 * - boundary: summed boundary counts, only when every image carries them.
 * Throws AppError("invalid_input") when an image's matrix has another class count.
 */
export function aggregate(images: readonly ImageResult[], numClasses: number, opts: AggregateOptions = {}): Aggregate {
  const t = opts.iouThreshold ?? DEFAULT_IOU_THRESHOLD;
  if (!Number.isFinite(t)) throw new AppError("invalid_input", `aggregate: iouThreshold must be a finite number, got ${t}`);
  const total = createConfusion(numClasses);
  const perImage: PerImageScores[] = [];
  const perClassSum = new Float64Array(numClasses);
  const perClassCount = new Float64Array(numClasses);
  const pairs = Array.from({ length: numClasses }, () => ({ correct: 0, total: 0 }));
  const imagesPresent: number[] = new Array(numClasses).fill(0);
  const withBoundary = images.length > 0 && images.every((im) => im.boundary !== undefined);
  const boundary = withBoundary ? createBoundaryCounts(numClasses) : null;
  for (const im of images) {
    if (im.confusion.numClasses !== numClasses) {
      throw new AppError("invalid_input", `aggregate: image ${im.name} has ${im.confusion.numClasses} classes, expected ${numClasses}`);
    }
    mergeConfusion(total, im.confusion);
    if (boundary && im.boundary) mergeBoundary(boundary, im.boundary);
    const s = computeScores(im.confusion);
    const perClassIou: number[] = [];
    for (const c of s.perClass) {
      perClassIou.push(c.iou);
      if (c.tp + c.fp + c.fn > 0) {
        pairs[c.index].total++;
        if (c.iou >= t) pairs[c.index].correct++;
      }
      if (!Number.isNaN(c.iou)) {
        perClassSum[c.index] += c.iou;
        perClassCount[c.index]++;
      }
      if (c.gtPixels > 0) imagesPresent[c.index]++;
    }
    perImage.push({ name: im.name, miou: s.miou, mdice: s.mdice, pixelAccuracy: s.pixelAccuracy, perClassIou });
  }
  let correct = 0;
  let pairTotal = 0;
  for (const p of pairs) {
    correct += p.correct;
    pairTotal += p.total;
  }
  const result: Aggregate = {
    datasetLevel: computeScores(total),
    perImageMean: {
      miou: nanMean(perImage.map((p) => p.miou)),
      mdice: nanMean(perImage.map((p) => p.mdice)),
      pixelAccuracy: nanMean(perImage.map((p) => p.pixelAccuracy)),
      perClassIou: Array.from(perClassSum, (sum, k) => ratio(sum, perClassCount[k])),
    },
    perImage,
    threshold: { t, correct, total: pairTotal, share: ratio(correct, pairTotal), perClass: pairs },
    imagesPresent,
  };
  if (boundary) result.boundary = boundaryIou(boundary);
  return result;
}
