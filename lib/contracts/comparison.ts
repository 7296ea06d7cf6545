import { z } from "zod";

/** A number that may be NaN (undefined), e.g. a paired difference with no shared image. */
const maybeNaN = z.number().or(z.nan());

/** One class of a paired comparison: both IoUs and their paired difference with its interval (null = undefined). */
export const classDiffDto = z.object({ mine: z.number().nullable(), theirs: z.number().nullable(), delta: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() });
export type ClassDiff = z.infer<typeof classDiffDto>;

/** Another model version evaluated on the same dataset version, compared by a paired bootstrap. */
export const versionComparisonDto = z.object({
  evaluationId: z.string(),
  modelName: z.string(),
  modelVersion: z.number().int(),
  miou: z.number().nullable(),
  /** Paired over the images both evaluations scored: mIoU(this) − mIoU(other), with a bootstrap interval. NaN when no image is shared. */
  diff: maybeNaN,
  low: maybeNaN,
  high: maybeNaN,
  /** Share of resamples in which the difference has the other sign (or is 0): a rough "could this be noise?" */
  signFlipShare: maybeNaN,
  pairedImages: z.number().int(),
  /** Per class (index order): IoU(this) − IoU(other) over the same paired images, with its bootstrap interval; null where undefined. */
  perClass: z.array(classDiffDto).optional(),
});
export type VersionComparison = z.infer<typeof versionComparisonDto>;

/** The same model version evaluated on another dataset (not paired: the images differ). */
export const otherDatasetResultDto = z.object({
  evaluationId: z.string(),
  datasetName: z.string(),
  datasetVersion: z.number().int(),
  appName: z.string(),
  miou: z.number().nullable(),
  /** The stored mIoU bootstrap interval, when the summary has one. */
  low: z.number().nullable().optional(),
  high: z.number().nullable().optional(),
});
export type OtherDatasetResult = z.infer<typeof otherDatasetResultDto>;

/** Everything the results page's "Comparison" section shows. */
export const evaluationComparisonDto = z.object({
  versions: z.array(versionComparisonDto),
  datasets: z.array(otherDatasetResultDto),
  /**
   * Evaluations matched by an edited class mapping are compared with none
   * matched by name (their scores cover other classes): `self` when this
   * evaluation's mapping is edited (it is compared with nothing), else how
   * many otherwise comparable evaluations were left out for theirs.
   */
  editedMapping: z.object({ self: z.boolean(), leftOut: z.number().int() }).optional(),
});
export type EvaluationComparison = z.infer<typeof evaluationComparisonDto>;
