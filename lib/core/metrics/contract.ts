import { AppError } from "@/lib/core/errors";
import { DEFAULT_IOU_THRESHOLD } from "./aggregate";
import { bootstrapSettings, MIN_INTERVAL_IMAGES, type BootstrapOptions } from "./bootstrap";
import { DEFAULT_DILATION_RATIO } from "./boundary";

export interface MetricContract {
  aggregation: "dataset-level"; alsoReported: "per-image mean"; absentClassRule: string; voidValues: number[];
  invalidPredictionRule: string; iouThreshold: number; boundary: { method: string; dilationRatio: number }; bootstrap?: { resamples: number; seed: number; confidence: number };
  formulas: Record<string, string>;
}

/** Describes every convention used, printed by the UI and the CLI beside every result. */
export function metricContract(opts: {
  ignoreValues: readonly number[];
  iouThreshold?: number;
  dilationRatio?: number;
  bootstrap?: BootstrapOptions;
}): MetricContract {
  const iouThreshold = opts.iouThreshold ?? DEFAULT_IOU_THRESHOLD;
  const dilationRatio = opts.dilationRatio ?? DEFAULT_DILATION_RATIO;
  if (!Number.isFinite(iouThreshold)) throw new AppError("invalid_input", `metricContract: iouThreshold must be a finite number, got ${iouThreshold}`);
  if (!(dilationRatio >= 0) || !Number.isFinite(dilationRatio)) {
    throw new AppError("invalid_input", `metricContract: dilationRatio must be a finite number >= 0, got ${dilationRatio}`);
  }
  const voids = [...opts.ignoreValues];
  const contract: MetricContract = {
    aggregation: "dataset-level",
    alsoReported: "per-image mean",
    absentClassRule:
      "A ratio whose denominator is 0 is undefined (null in JSON, — in the UI), never 0 or 1, and is left out of every mean; e.g. a class absent from both ground truth and prediction has no IoU.",
    voidValues: voids,
    invalidPredictionRule:
      "A predicted value outside 0..numClasses-1, a predicted void value included, counts in the spill column: it is a false negative of the ground-truth class and a false positive of no class.",
    iouThreshold,
    boundary: {
      method: `Boundary IoU (Cheng et al. 2021): per class, boundary = mask AND NOT (mask eroded d times by a 3x3 kernel after zero padding, so the image border counts as boundary), d = max(1, round(${dilationRatio} x image diagonal)); counted over pixels whose ground truth is not void; intersections and unions summed over images; mean over classes with union > 0.`,
      dilationRatio,
    },
    formulas: {
      confusion: "C[g][p] = pixels with ground truth g and prediction p, summed over all images; void ground-truth pixels dropped; last column = spill",
      tp: "TP_k = C[k][k]",
      fp: "FP_k = column sum_k - TP_k (spill column excluded)",
      fn: "FN_k = row sum_k (spill included) - TP_k",
      iou: "IoU_k = TP / (TP + FP + FN)",
      dice: "Dice_k = 2TP / (2TP + FP + FN)",
      precision: "precision_k = TP / (TP + FP)",
      recall: "recall_k = TP / (TP + FN)",
      miou: "mIoU = unweighted mean of IoU_k over classes with a defined IoU",
      mdice: "mean Dice = unweighted mean of Dice_k over classes with a defined Dice",
      pixelAccuracy: "pixel accuracy = trace(C) / evaluated pixels (all non-void ground-truth pixels, spill included)",
      meanClassAccuracy: "mean class accuracy = unweighted mean of recall_k over classes with a defined recall",
      fwIou: "fwIoU = sum over classes with defined IoU of (row sum_k / evaluated pixels) x IoU_k (FCN / mmseg)",
      perImageMean: "per-image mean = mean over images of each image's own score, images where it is undefined left out",
      threshold: `correct at threshold = share of (image, class present in ground truth or prediction) pairs with IoU >= ${iouThreshold}`,
      boundaryIou: "boundary IoU_k = sum over images |G_d AND P_d| / sum over images |G_d OR P_d|",
    },
  };
  if (opts.bootstrap) {
    const b = bootstrapSettings(opts.bootstrap);
    contract.bootstrap = b;
    contract.formulas.bootstrap = `percentile bootstrap over images: ${b.resamples} resamples (mulberry32, seed ${b.seed}) of dataset-level mIoU and per-class IoU; ${b.confidence * 100}% interval = numpy linear percentiles ${((1 - b.confidence) / 2) * 100} and ${((1 + b.confidence) / 2) * 100}; classes undefined in a resample are left out of it; fewer than ${MIN_INTERVAL_IMAGES} images: no interval (NaN)`;
    contract.formulas.pairedBootstrap =
      "paired bootstrap: the same resampled images for both evaluations; interval of mIoU(b) - mIoU(a); sign-flip share = share of resamples whose difference is 0 or of the opposite sign of the estimate";
  }
  return contract;
}

/** JSON helper: NaN/Infinity -> null, recursively; typed arrays become plain arrays. Leaves the input untouched. */
export function nanToNull<T>(value: T): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== "object") return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (v) => (typeof v === "number" && !Number.isFinite(v) ? null : v));
  }
  if (Array.isArray(value)) return value.map((v) => nanToNull(v));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = nanToNull(v);
  return out;
}
