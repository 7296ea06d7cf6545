import { z } from "zod";

/** The `confusion` JSON column of EvaluationSampleResult: sparse `[gt, predColumn, count]` triples. */
export const sparseConfusionSchema = z.array(z.tuple([z.number().int().min(0), z.number().int().min(0), z.number().min(0)]));
export type SparseConfusion = z.infer<typeof sparseConfusionSchema>;

/** The `boundary` JSON column of EvaluationSampleResult: boundary IoU counts per class. */
export const boundaryCountsSchema = z.object({ intersection: z.array(z.number()), union: z.array(z.number()) });
export type BoundaryCounts = z.infer<typeof boundaryCountsSchema>;
