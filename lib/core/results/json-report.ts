import type { MetricContract } from "@/lib/core/metrics/contract";
import type { Scores } from "@/lib/core/metrics/scores";

/**
 * The JSON document of `intersect evaluate --format json` (lib/tools/cli),
 * also served by GET /api/v1/evaluations/:id/results and the results page's
 * download: one builder, so the CLI and the server cannot drift apart. Key
 * order is part of the contract; undefined ratios are null.
 */

/** One class row; undefined ratios are null. */
export interface ClassRow {
  index: number;
  name: string;
  iou: number | null;
  dice: number | null;
  precision: number | null;
  recall: number | null;
  tp: number;
  fp: number;
  fn: number;
  boundaryIou: number | null;
}

/** One image's scores; `iou` has one entry per class (null where the class is absent from both masks). */
export interface ImageRow {
  name: string;
  miou: number | null;
  mdice: number | null;
  pixelAccuracy: number | null;
  iou: (number | null)[];
}

export interface JsonReport {
  images: number;
  numClasses: number;
  ignoreIndex: number | null;
  classes: ClassRow[];
  miou: number | null;
  mdice: number | null;
  pixelAccuracy: number | null;
  perImageMiou: number | null;
  confusion: number[][];
  invalidPredictions: number[];
  contract: MetricContract;
  perImage?: ImageRow[];
}

/** What a report is built from: dataset-level scores (NaN where undefined) and the rest as computed. */
export interface JsonReportInput {
  images: number;
  classNames: readonly string[];
  ignoreIndex: number | null;
  scores: Scores;
  /** numClasses x numClasses pixel counts (spill column left out: it is `scores.invalidPredictions`). */
  confusion: number[][];
  /** Per class, NaN (or null) where undefined. */
  boundaryIou: ArrayLike<number | null>;
  perImageMiou: number | null;
  /** NaN-free contract (nanToNull applied). */
  contract: MetricContract;
  /** When given, the report lists every image, in this order (ordered by name by the callers). */
  perImage?: readonly { name: string; miou: number | null; mdice: number | null; pixelAccuracy: number | null; iou: ArrayLike<number | null> }[];
}

/** A finite number, or null (NaN, Infinity, null, undefined). */
export const orNull = (v: number | null | undefined): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Builds the JSON report from scores; see {@link JsonReport}. */
export function buildJsonReport(input: JsonReportInput): JsonReport {
  const { scores } = input;
  const report: JsonReport = {
    images: input.images,
    numClasses: input.classNames.length,
    ignoreIndex: input.ignoreIndex,
    classes: scores.perClass.map((c, k) => ({
      index: k,
      name: input.classNames[k],
      iou: orNull(c.iou),
      dice: orNull(c.dice),
      precision: orNull(c.precision),
      recall: orNull(c.recall),
      tp: c.tp,
      fp: c.fp,
      fn: c.fn,
      boundaryIou: orNull(input.boundaryIou[k]),
    })),
    miou: orNull(scores.miou),
    mdice: orNull(scores.mdice),
    pixelAccuracy: orNull(scores.pixelAccuracy),
    perImageMiou: orNull(input.perImageMiou),
    confusion: input.confusion,
    invalidPredictions: [...scores.invalidPredictions],
    contract: input.contract,
  };
  if (input.perImage) {
    report.perImage = input.perImage.map((p) => ({
      name: p.name,
      miou: orNull(p.miou),
      mdice: orNull(p.mdice),
      pixelAccuracy: orNull(p.pixelAccuracy),
      iou: Array.from(p.iou, orNull),
    }));
  }
  return report;
}
