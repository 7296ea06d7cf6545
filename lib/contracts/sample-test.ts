import { z } from "zod";

/** The query of GET /api/v1/model-versions/{id}/test-image: which sample, read in which dataset version (its classes and colours). */
export const sampleTestQuerySchema = z.object({
  datasetVersionId: z.string().min(1),
  sampleId: z.string().min(1),
});

/**
 * "Test on one image": a model version's prediction for one sample next to
 * the ground truth, as PNG data URLs in the classes' colours, the error map
 * (after matching classes by name) and the share of evaluated pixels that agree.
 */
export const sampleTestDto = z.object({
  sampleName: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  ms: z.number(),
  predictionPng: z.string(),
  groundTruthPng: z.string(),
  errorPng: z.string(),
  /** Share of non-void ground-truth pixels whose prediction (mapped by class name) agrees; null when none is evaluated. */
  pixelAgreement: z.number().nullable(),
  /** Model classes in output order with their colours and the dataset class each counts as (null: not evaluated). */
  legend: z.array(z.object({ index: z.number().int(), name: z.string(), color: z.tuple([z.number(), z.number(), z.number()]), datasetClass: z.string().nullable() })),
});
export type SampleTestDto = z.infer<typeof sampleTestDto>;
