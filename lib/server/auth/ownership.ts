/**
 * Ownership guards: ids in a request are untrusted. Each guard is one query
 * with the owner in its `where`, so another user's id and a missing id both
 * give AppError("not_found"): the existence of others' rows never leaks.
 */
import { getPrisma, type Db } from "../db/client";
import { AppError } from "@/lib/core/errors";

function notFound(what: string): never {
  throw new AppError("not_found", `${what} not found.`);
}

const isId = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.length <= 100;

/** The user's app `appId`, or not_found. */
export async function assertOwnsApp(
  input: { userId: string; appId: string },
  db: Db = getPrisma(),
): Promise<{ id: string; name: string }> {
  if (!isId(input.appId)) notFound("App");
  const app = await db.app.findFirst({
    where: { id: input.appId, ownerId: input.userId },
    select: { id: true, name: true },
  });
  return app ?? notFound("App");
}

/** The user's dataset `datasetId` (in any of the user's apps), or not_found. */
export async function assertOwnsDataset(
  input: { userId: string; datasetId: string },
  db: Db = getPrisma(),
): Promise<{ id: string; appId: string; name: string }> {
  if (!isId(input.datasetId)) notFound("Dataset");
  const dataset = await db.dataset.findFirst({
    where: { id: input.datasetId, app: { ownerId: input.userId } },
    select: { id: true, appId: true, name: true },
  });
  return dataset ?? notFound("Dataset");
}

/** The user's dataset version, with its dataset's app, or not_found. */
export async function assertOwnsDatasetVersion(
  input: { userId: string; datasetVersionId: string },
  db: Db = getPrisma(),
): Promise<{ id: string; datasetId: string; appId: string; number: number }> {
  if (!isId(input.datasetVersionId)) notFound("Dataset version");
  const version = await db.datasetVersion.findFirst({
    where: { id: input.datasetVersionId, dataset: { app: { ownerId: input.userId } } },
    select: { id: true, datasetId: true, number: true, dataset: { select: { appId: true } } },
  });
  if (!version) notFound("Dataset version");
  return { id: version.id, datasetId: version.datasetId, appId: version.dataset.appId, number: version.number };
}

/** The user's model `modelId`, or not_found. */
export async function assertOwnsModel(
  input: { userId: string; modelId: string },
  db: Db = getPrisma(),
): Promise<{ id: string; appId: string; name: string }> {
  if (!isId(input.modelId)) notFound("Model");
  const model = await db.model.findFirst({
    where: { id: input.modelId, app: { ownerId: input.userId } },
    select: { id: true, appId: true, name: true },
  });
  return model ?? notFound("Model");
}

/** The user's model version, with its model's app, or not_found. */
export async function assertOwnsModelVersion(
  input: { userId: string; modelVersionId: string },
  db: Db = getPrisma(),
): Promise<{ id: string; modelId: string; appId: string; number: number; runnerKind: string }> {
  if (!isId(input.modelVersionId)) notFound("Model version");
  const version = await db.modelVersion.findFirst({
    where: { id: input.modelVersionId, model: { app: { ownerId: input.userId } } },
    select: { id: true, modelId: true, number: true, runnerKind: true, model: { select: { appId: true } } },
  });
  if (!version) notFound("Model version");
  return {
    id: version.id,
    modelId: version.modelId,
    appId: version.model.appId,
    number: version.number,
    runnerKind: version.runnerKind,
  };
}

/** The user's evaluation `evaluationId`, or not_found. */
export async function assertOwnsEvaluation(
  input: { userId: string; evaluationId: string },
  db: Db = getPrisma(),
): Promise<{ id: string; status: string; modelVersionId: string; datasetVersionId: string }> {
  if (!isId(input.evaluationId)) notFound("Evaluation");
  const evaluation = await db.evaluation.findFirst({
    where: { id: input.evaluationId, ownerId: input.userId },
    select: { id: true, status: true, modelVersionId: true, datasetVersionId: true },
  });
  return evaluation ?? notFound("Evaluation");
}
