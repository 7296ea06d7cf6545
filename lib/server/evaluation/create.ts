import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { DEFAULT_IOU_THRESHOLD, type EvaluationSettings } from "./settings";

export const createEvaluationSchema = z.object({
  modelVersionId: z.string().min(1, "Choose a model version."),
  datasetId: z.string().min(1, "Choose a dataset."),
  /** Omitted = the dataset's latest version. */
  datasetVersionNumber: z.coerce.number().int().positive().optional(),
});
export type CreateEvaluationInput = z.infer<typeof createEvaluationSchema>;

/**
 * Creates a draft evaluation (status `created`) of a model version on a
 * dataset version; any dataset the user owns is allowed, also one of another
 * of their apps. No version number means the latest version. Both ids are
 * checked against the owner; other owners' ids are not_found.
 */
export async function createEvaluation(
  { ownerId, input }: { ownerId: string; input: CreateEvaluationInput },
  db: Db = getPrisma(),
): Promise<{ id: string }> {
  const modelVersion = await db.modelVersion.findFirst({
    where: { id: input.modelVersionId, model: { app: { ownerId } } },
    select: { id: true },
  });
  if (!modelVersion) throw new AppError("not_found", "Model version not found.");
  const dataset = await db.dataset.findFirst({ where: { id: input.datasetId, app: { ownerId } }, select: { id: true, name: true } });
  if (!dataset) throw new AppError("not_found", "Dataset not found.");
  const datasetVersion = await db.datasetVersion.findFirst({
    where: { datasetId: dataset.id, ...(input.datasetVersionNumber ? { number: input.datasetVersionNumber } : {}) },
    orderBy: { number: "desc" },
    select: { id: true, ignoreIndex: true, sampleCount: true },
  });
  if (!datasetVersion) {
    throw new AppError(
      "invalid_input",
      input.datasetVersionNumber
        ? `Dataset "${dataset.name}" has no version ${input.datasetVersionNumber}.`
        : `Dataset "${dataset.name}" has no version yet: import one first.`,
      { fieldErrors: { [input.datasetVersionNumber ? "datasetVersionNumber" : "datasetId"]: ["No such version."] } },
    );
  }
  const settings: EvaluationSettings = { ignoreIndex: datasetVersion.ignoreIndex, iouThreshold: DEFAULT_IOU_THRESHOLD };
  const evaluation = await db.evaluation.create({
    data: {
      ownerId,
      modelVersionId: modelVersion.id,
      datasetVersionId: datasetVersion.id,
      settings,
      status: "created",
      progressTotal: datasetVersion.sampleCount,
    },
    select: { id: true },
  });
  return evaluation;
}
