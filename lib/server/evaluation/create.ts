import "server-only";
import { z } from "zod";
import { MAX_VERSION_NUMBER } from "@/lib/contracts/version-number";
import { AppError } from "@/lib/core/errors";
import { DEFAULT_IOU_THRESHOLD } from "@/lib/contracts/evaluation-settings";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { findDatasetVersion } from "@/lib/server/db/dataset-versions";
import { findLatestEvaluationOfPair, insertEvaluation } from "@/lib/server/db/evaluations";
import { findOwnedDataset, findOwnedModelVersion } from "@/lib/server/db/owned";
import { checkRunnable } from "./check-runnable";

export const createEvaluationSchema = z.object({
  modelVersionId: z.string().min(1, "Choose a model version."),
  datasetId: z.string().min(1, "Choose a dataset."),
  /** Omitted = the dataset's latest version. */
  datasetVersionNumber: z.coerce.number().int().positive().max(MAX_VERSION_NUMBER, "No dataset has that many versions.").optional(),
  /** Create a new evaluation even when this pair was evaluated before (the user chose "Run again"). */
  allowDuplicate: z.boolean().optional(),
});
export type CreateEvaluationInput = z.infer<typeof createEvaluationSchema>;

/**
 * Creates a draft evaluation (status `created`) of a model version on a
 * dataset version; any dataset the user owns is allowed, also one of another
 * of their apps. No version number means the latest version. Both ids are
 * checked against the owner; other owners' ids are not_found. When the owner
 * already evaluated this model version on this dataset version, nothing is
 * created: the latest such evaluation's id comes back with `existing` set, so
 * the UI can offer "open it" or "run again" (`allowDuplicate`).
 */
export async function createEvaluation(
  { ownerId, input }: { ownerId: string; input: CreateEvaluationInput },
  db: Db = getPrisma(),
): Promise<{ id: string; existing: { status: string; createdAt: string } | null }> {
  const modelVersion = await findOwnedModelVersion({ ownerId, modelVersionId: input.modelVersionId }, db);
  const dataset = await findOwnedDataset({ ownerId, datasetId: input.datasetId }, db);
  const datasetVersion = await findDatasetVersion({ datasetId: dataset.id, number: input.datasetVersionNumber }, db);
  if (!datasetVersion) {
    throw new AppError(
      "invalid_input",
      input.datasetVersionNumber
        ? `Dataset "${dataset.name}" has no version ${input.datasetVersionNumber}.`
        : `Dataset "${dataset.name}" has no version yet: import one first.`,
      { fieldErrors: { [input.datasetVersionNumber ? "datasetVersionNumber" : "datasetId"]: ["No such version."] } },
    );
  }
  if (!input.allowDuplicate) {
    const previous = await findLatestEvaluationOfPair({ ownerId, modelVersionId: modelVersion.id, datasetVersionId: datasetVersion.id }, db);
    if (previous) return { id: previous.id, existing: { status: previous.status, createdAt: previous.createdAt.toISOString() } };
  }
  // A pair that cannot run (no predictions, no common class, endpoint down) is refused here, not discovered in the run.
  const classMapping = await checkRunnable({ modelVersionId: modelVersion.id, target: { ...datasetVersion, datasetName: dataset.name } }, db);
  const created = await insertEvaluation(
    {
      ownerId,
      modelVersionId: modelVersion.id,
      datasetVersionId: datasetVersion.id,
      settings: { ignoreIndex: datasetVersion.ignoreIndex, iouThreshold: DEFAULT_IOU_THRESHOLD, classMapping },
      progressTotal: datasetVersion.sampleCount,
    },
    db,
  );
  return { id: created.id, existing: null };
}
