import { z } from "zod";
import { NAME_MAX_LENGTH } from "./app-input";

/** IoU at or above which an (image, class) pair counts as correct, unless an evaluation says otherwise. */
export const DEFAULT_IOU_THRESHOLD = 0.5;

/** The `settings` JSON column of Evaluation (old rows may lack optional fields). */
export const evaluationSettingsSchema = z.object({
  ignoreIndex: z.number().int().min(0).nullable(),
  iouThreshold: z.number().min(0).max(1).default(DEFAULT_IOU_THRESHOLD),
  /** Optional model class index -> dataset class index; unmapped predictions count as wrong. */
  classMapping: z.record(z.string(), z.number().int().min(-1)).optional(),
  /** Optional display name given by the user (renaming an evaluation). */
  name: z.string().trim().max(NAME_MAX_LENGTH.evaluation).optional(),
});
export type EvaluationSettings = z.infer<typeof evaluationSettingsSchema>;
