import { z } from "zod";

/** A ratio in [0, 1], or null where its denominator is zero (never a fake 0 or 1). */
const ratio = z.number().min(0).max(1).nullable();

/**
 * One row of an evaluation's per-class results (EvaluationClassResult):
 * dataset-level IoU, Dice, precision, recall and boundary IoU of a class,
 * with its pixel counts and the number of images where it is present.
 */
export const classResultDto = z.object({
  classIndex: z.number().int().min(0),
  name: z.string(),
  iou: ratio,
  dice: ratio,
  precision: ratio,
  recall: ratio,
  boundaryIou: ratio,
  tp: z.number().min(0),
  fp: z.number().min(0),
  fn: z.number().min(0),
  gtPixels: z.number().min(0),
  predPixels: z.number().min(0),
  imagesPresent: z.number().int().min(0),
});
export type ClassResultDto = z.infer<typeof classResultDto>;
