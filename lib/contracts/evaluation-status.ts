import { z } from "zod";

/** The persisted lifecycle of an evaluation. `created` is the draft before the user clicks "Evaluate". */
export const EVALUATION_STATUSES = ["created", "queued", "running", "succeeded", "failed", "cancelled"] as const;
export const evaluationStatusSchema = z.enum(EVALUATION_STATUSES);
export type EvaluationStatus = z.infer<typeof evaluationStatusSchema>;

/** GET /api/v1/evaluations/:id — live status and progress of one evaluation, polled by the results page. */
export const evaluationStatusDto = z.object({
  id: z.string(),
  status: evaluationStatusSchema,
  progressDone: z.number().int(),
  progressTotal: z.number().int(),
  error: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  serverTime: z.string(),
});
export type EvaluationStatusDto = z.infer<typeof evaluationStatusDto>;
