import { z } from "zod";
import { evaluationSummarySchema } from "./evaluation-summary";

/** The persisted lifecycle of an evaluation. `created` is the draft before the user clicks "Evaluate". */
export const EVALUATION_STATUSES = ["created", "queued", "running", "succeeded", "failed", "cancelled"] as const;
export const evaluationStatusSchema = z.enum(EVALUATION_STATUSES);
export type EvaluationStatus = z.infer<typeof evaluationStatusSchema>;

/** The headline figures of a finished evaluation as the REST API gives them (ratios 0..1, null when undefined). */
export const evaluationSummaryBriefDto = evaluationSummarySchema
  .pick({ images: true, miou: true, mdice: true, pixelAccuracy: true, meanClassAccuracy: true, fwIou: true, perImageMiou: true, boundaryMiou: true, threshold: true, thresholdShare: true })
  .extend({ miouCi: evaluationSummarySchema.shape.miouCi.pick({ low: true, high: true, confidence: true }) });
export type EvaluationSummaryBriefDto = z.infer<typeof evaluationSummaryBriefDto>;

/**
 * GET /api/v1/evaluations/:id — live status and progress of one evaluation,
 * polled by the results page and by CI pipelines. `progress` and `summary`
 * are the REST contract (DESIGN "REST API v1"); the flat progress fields and
 * times are what the page's poller reads.
 */
export const evaluationStatusDto = z.object({
  id: z.string(),
  status: evaluationStatusSchema,
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  summary: evaluationSummaryBriefDto.nullable(),
  progressDone: z.number().int(),
  progressTotal: z.number().int(),
  error: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  serverTime: z.string(),
});
export type EvaluationStatusDto = z.infer<typeof evaluationStatusDto>;
