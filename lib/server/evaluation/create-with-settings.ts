import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { evaluationSettingsSchema } from "@/lib/contracts/evaluation-settings";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { updateIouThresholdWhileCreated } from "@/lib/server/db/evaluation-settings";
import { deleteOwnedEvaluation } from "@/lib/server/db/evaluations";
import { saveClassMapping } from "./class-mapping-checks";
import { createEvaluation, createEvaluationSchema } from "./create";

/**
 * Body of POST /api/v1/evaluations: the web action's fields
 * (createEvaluationSchema; `datasetVersion` is its `datasetVersionNumber`)
 * plus optional settings, checked with the stored settings' schema. Strict:
 * a misspelt key (`datasetVersionNumber`, a top-level `iouThreshold`) is
 * refused, not dropped; dropped, it would evaluate another version than meant.
 */
export const createEvaluationRequestSchema = z.strictObject({
  modelVersionId: createEvaluationSchema.shape.modelVersionId,
  datasetId: createEvaluationSchema.shape.datasetId,
  datasetVersion: createEvaluationSchema.shape.datasetVersionNumber,
  settings: z
    .object({
      iouThreshold: z.number().min(0).max(1).optional(),
      classMapping: evaluationSettingsSchema.shape.classMapping,
    })
    .strict()
    .optional(),
});
export type CreateEvaluationRequest = z.infer<typeof createEvaluationRequestSchema>;

/**
 * Creates a new draft evaluation (always new: a re-run of the same pair is
 * a new evaluation, as CI pipelines expect) and applies the requested
 * settings. When a setting is refused (a class mapping that does not fit),
 * the draft is deleted again, so nothing is left behind.
 */
export async function createEvaluationWithSettings(
  { ownerId, input }: { ownerId: string; input: CreateEvaluationRequest },
  db: Db = getPrisma(),
): Promise<{ id: string }> {
  const { id } = await createEvaluation(
    { ownerId, input: { modelVersionId: input.modelVersionId, datasetId: input.datasetId, datasetVersionNumber: input.datasetVersion, allowDuplicate: true } },
    db,
  ).catch((error: unknown) => {
    // The web form's field is datasetVersionNumber; this request's is datasetVersion.
    if (!(error instanceof AppError) || !error.fieldErrors?.datasetVersionNumber) throw error;
    const { datasetVersionNumber, ...rest } = error.fieldErrors;
    throw new AppError(error.code, error.message, { cause: error, fieldErrors: { ...rest, datasetVersion: datasetVersionNumber } });
  });
  try {
    const { iouThreshold, classMapping } = input.settings ?? {};
    if (classMapping) await saveClassMapping({ ownerId, evaluationId: id, classMapping }, db);
    if (iouThreshold !== undefined && !(await updateIouThresholdWhileCreated({ evaluationId: id, iouThreshold }, db))) {
      throw new AppError("conflict", "The run has started: the settings can no longer change.");
    }
  } catch (error) {
    await deleteOwnedEvaluation({ ownerId, evaluationId: id }, db);
    throw error;
  }
  return { id };
}
