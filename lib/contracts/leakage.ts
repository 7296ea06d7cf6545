import { z } from "zod";

const count = z.number().int().nonnegative();

/**
 * GET /api/v1/evaluations/{id}/leakage: the evaluation's images that are
 * also in the model version's training dataset versions, identical (image
 * sha256) or near-duplicates (perceptual hash), and the metrics without
 * them. `checked` is false when the version records no training data;
 * `pending` is set while perceptual hashes are still being computed (near-
 * duplicates of those images are not listed yet: ask again).
 */
export const leakageReportDto = z.object({
  checked: z.boolean(),
  leakedImages: count,
  exact: count,
  nearDuplicates: count,
  matches: z.array(z.object({ sample: z.string(), trainingSample: z.string(), kind: z.enum(["exact", "near-duplicate"]), distance: count })),
  without: z.object({ images: count, miou: z.number().nullable(), pixelAccuracy: z.number().nullable() }).nullable(),
  pending: z.object({ hashed: count, total: count }).nullable(),
});
export type LeakageReportDto = z.infer<typeof leakageReportDto>;
