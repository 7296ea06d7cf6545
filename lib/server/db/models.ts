import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "./client";

/** A model with its versions (newest first) for the versions table; not_found for other owners. */
export async function getModelWithVersions({ ownerId, modelId }: { ownerId: string; modelId: string }, db: Db = getPrisma()) {
  const model = await db.model.findFirst({
    where: { id: modelId, app: { ownerId } },
    select: {
      id: true,
      name: true,
      description: true,
      app: { select: { id: true, name: true } },
      versions: {
        orderBy: { number: "desc" },
        select: {
          id: true,
          number: true,
          runnerKind: true,
          note: true,
          createdAt: true,
          classes: true,
          trainingDatasetVersion: { select: { number: true, dataset: { select: { id: true, name: true } } } },
          _count: { select: { evaluations: true } },
        },
      },
    },
  });
  if (!model) throw new AppError("not_found", "Model not found.");
  return model;
}

/** The sha256 of the uploaded prediction mask for one sample name, or null when the version has none. */
export async function findPredictionMask(
  { modelVersionId, sampleName }: { modelVersionId: string; sampleName: string },
  db: Db = getPrisma(),
): Promise<string | null> {
  const row = await db.predictionMask.findUnique({
    where: { modelVersionId_sampleName: { modelVersionId, sampleName } },
    select: { maskSha256: true },
  });
  return row?.maskSha256 ?? null;
}
