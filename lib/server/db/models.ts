import "server-only";
import { classListSchema } from "@/lib/contracts/classes";
import { getPrisma, type Db, type Tx } from "./client";
import { ownedBy, requireRow } from "./owner-scope";
import { newestFirst } from "./versions";

/**
 * A model with its versions (newest first, classes parsed) for the versions
 * table; not_found for other owners. `runnerConfig` is the stored one (with
 * endpoint headers): pass it through publicRunnerConfig before it leaves the server.
 */
export async function getModelWithVersions({ ownerId, modelId }: { ownerId: string; modelId: string }, db: Db = getPrisma()) {
  const found = await db.model.findFirst({
    where: { id: modelId, ...ownedBy.model(ownerId) },
    select: {
      id: true,
      name: true,
      description: true,
      app: { select: { id: true, name: true } },
      versions: {
        orderBy: newestFirst,
        select: {
          id: true,
          number: true,
          runnerKind: true,
          runnerConfig: true,
          note: true,
          createdAt: true,
          classes: true,
          trainingDatasetVersion: { select: { id: true, number: true, dataset: { select: { id: true, name: true } } } },
          trainingSets: { select: { datasetVersion: { select: { id: true, number: true, dataset: { select: { id: true, name: true } } } } } },
          _count: { select: { evaluations: true } },
        },
      },
    },
  });
  const model = requireRow(found, "Model");
  return { ...model, versions: model.versions.map((v) => ({ ...v, classes: classListSchema.parse(v.classes) })) };
}

/** The app's model of that name, or null (inside a transaction or not). */
export async function findModelByName({ appId, name }: { appId: string; name: string }, db: Db | Tx = getPrisma()) {
  return db.model.findUnique({ where: { appId_name: { appId, name } }, select: { id: true, name: true } });
}

/** Inserts a model; a taken name surfaces as a unique violation. */
export async function insertModel(
  { appId, name, description = "" }: { appId: string; name: string; description?: string },
  db: Db | Tx = getPrisma(),
) {
  return db.model.create({ data: { appId, name, description }, select: { id: true, name: true } });
}

/** The owner's models of one app (name order) for GET /apps/{appId}/models; the app must be the owner's. */
export async function listAppModels({ appId }: { appId: string }, db: Db = getPrisma()) {
  return db.model.findMany({
    where: { appId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, description: true, createdAt: true, _count: { select: { versions: true } } },
  });
}
