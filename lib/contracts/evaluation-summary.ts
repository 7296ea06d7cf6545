import { z } from "zod";

/** A ratio as stored: null when undefined (NaN in memory). */
const ratio = z.number().nullable();

/** Dataset-level scores of the images carrying one scenario tag (null = the untagged images). */
export const tagResultSchema = z.object({
  tag: z.string().nullable(),
  images: z.number().int(),
  miou: ratio,
  mdice: ratio,
  pixelAccuracy: ratio,
  perClassIou: z.array(ratio),
});
export type TagResult = z.infer<typeof tagResultSchema>;

/** The conventions a result was computed with (lib/core/metrics `metricContract`, NaN-free). */
export const metricContractSchema = z.object({
  aggregation: z.string(),
  alsoReported: z.string(),
  absentClassRule: z.string(),
  voidValues: z.array(z.number()),
  invalidPredictionRule: z.string(),
  iouThreshold: z.number(),
  boundary: z.object({ method: z.string(), dilationRatio: z.number() }),
  bootstrap: z.object({ resamples: z.number(), seed: z.number(), confidence: z.number() }).optional(),
  formulas: z.record(z.string(), z.string()),
});

/** The `summary` JSON column of Evaluation, written when a run succeeds. Ratios are null when undefined. */
export const evaluationSummarySchema = z.object({
  images: z.number().int(),
  miou: ratio,
  mdice: ratio,
  pixelAccuracy: ratio,
  meanClassAccuracy: ratio,
  fwIou: ratio,
  evaluatedPixels: z.number(),
  perImageMiou: ratio,
  threshold: z.number(),
  thresholdCorrect: z.number().int(),
  thresholdTotal: z.number().int(),
  thresholdShare: ratio,
  boundaryMiou: ratio,
  byTag: z.array(tagResultSchema).optional(),
  /** Which tags the images carried when `byTag` was computed (tagsKey in lib/server/evaluation/by-tag.ts): tags are editable after the run. */
  byTagKey: z.string().optional(),
  perClassIouCi: z.array(z.object({ low: ratio, high: ratio })).optional(),
  /** Dataset-level confusion matrix: numClasses rows (ground truth) x numClasses + 1 columns (prediction; last = outside the class list). Absent in summaries written before it was stored. */
  confusion: z.array(z.array(z.number().min(0))).optional(),
  miouCi: z.object({ low: ratio, high: ratio, confidence: z.number(), resamples: z.number().int(), seed: z.number().int().optional() }),
  contract: metricContractSchema,
});
export type EvaluationSummary = z.infer<typeof evaluationSummarySchema>;

/** The mIoU of a stored summary, or null when there is none (or it is undefined). */
export function summaryMiou(summary: EvaluationSummary | null): number | null {
  return summary?.miou ?? null;
}
