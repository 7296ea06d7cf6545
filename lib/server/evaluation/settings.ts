import { z } from "zod";

export const DEFAULT_IOU_THRESHOLD = 0.5;

export const evaluationSettingsSchema = z.object({
  ignoreIndex: z.number().int().min(0).nullable(),
  iouThreshold: z.number().min(0).max(1).default(DEFAULT_IOU_THRESHOLD),
  /** Optional model class index -> dataset class index; unmapped predictions count as wrong. */
  classMapping: z.record(z.string(), z.number().int().min(-1)).optional(),
});
export type EvaluationSettings = z.infer<typeof evaluationSettingsSchema>;

/** Parses an evaluation's stored settings JSON (old rows may lack optional fields). */
export function parseEvaluationSettings(value: unknown): EvaluationSettings {
  return evaluationSettingsSchema.parse(value);
}
