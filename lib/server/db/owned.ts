import "server-only";
import { getPrisma, type Db } from "./client";
import { isId, notFound, requireRow, ownedBy } from "./owner-scope";

/**
 * Owner-scoped lookups by id: each is one query with the owner in its
 * `where` (see owner-scope.ts) and returns the row's minimal fields, or
 * throws AppError("not_found") for a missing, malformed or foreign id.
 */

/** The owner's app `appId`. */
export async function findOwnedApp({ ownerId, appId }: { ownerId: string; appId: string }, db: Db = getPrisma()) {
  if (!isId(appId)) notFound("App");
  const app = await db.app.findFirst({ where: { id: appId, ...ownedBy.app(ownerId) }, select: { id: true, name: true } });
  return requireRow(app, "App");
}

/** The owner's dataset `datasetId` (in any of the owner's apps). */
export async function findOwnedDataset({ ownerId, datasetId }: { ownerId: string; datasetId: string }, db: Db = getPrisma()) {
  if (!isId(datasetId)) notFound("Dataset");
  const dataset = await db.dataset.findFirst({
    where: { id: datasetId, ...ownedBy.dataset(ownerId) },
    select: { id: true, appId: true, name: true },
  });
  return requireRow(dataset, "Dataset");
}

/** The owner's dataset version, with its dataset's app. */
export async function findOwnedDatasetVersion(
  { ownerId, datasetVersionId }: { ownerId: string; datasetVersionId: string },
  db: Db = getPrisma(),
) {
  if (!isId(datasetVersionId)) notFound("Dataset version");
  const v = await db.datasetVersion.findFirst({
    where: { id: datasetVersionId, ...ownedBy.datasetVersion(ownerId) },
    select: { id: true, datasetId: true, number: true, dataset: { select: { appId: true } } },
  });
  const version = requireRow(v, "Dataset version");
  return { id: version.id, datasetId: version.datasetId, appId: version.dataset.appId, number: version.number };
}

/** The owner's model `modelId`. */
export async function findOwnedModel({ ownerId, modelId }: { ownerId: string; modelId: string }, db: Db = getPrisma()) {
  if (!isId(modelId)) notFound("Model");
  const model = await db.model.findFirst({ where: { id: modelId, ...ownedBy.model(ownerId) }, select: { id: true, appId: true, name: true } });
  return requireRow(model, "Model");
}

/** The owner's model version, with its model's app. */
export async function findOwnedModelVersion(
  { ownerId, modelVersionId }: { ownerId: string; modelVersionId: string },
  db: Db = getPrisma(),
) {
  if (!isId(modelVersionId)) notFound("Model version");
  const v = await db.modelVersion.findFirst({
    where: { id: modelVersionId, ...ownedBy.modelVersion(ownerId) },
    select: { id: true, modelId: true, number: true, runnerKind: true, model: { select: { appId: true } } },
  });
  const version = requireRow(v, "Model version");
  return { id: version.id, modelId: version.modelId, appId: version.model.appId, number: version.number, runnerKind: version.runnerKind };
}

/** The owner's evaluation `evaluationId`. */
export async function findOwnedEvaluation({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()) {
  if (!isId(evaluationId)) notFound("Evaluation");
  const evaluation = await db.evaluation.findFirst({
    where: { id: evaluationId, ...ownedBy.evaluation(ownerId) },
    select: { id: true, status: true, modelVersionId: true, datasetVersionId: true },
  });
  return requireRow(evaluation, "Evaluation");
}
