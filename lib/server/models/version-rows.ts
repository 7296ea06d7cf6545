import "server-only";
import { largestImageOf, runnerKindSchema } from "@/lib/contracts/runner-config";
import { modelVersionRowDto, type ModelVersionRowDto } from "@/lib/contracts/model-versions";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { listPredictedDatasetVersionRefs } from "@/lib/server/db/model-versions";
import { getModelWithVersions } from "@/lib/server/db/models";
import { publicRunnerConfig } from "./runner";

/**
 * A model and its versions as the versions table and the REST API show
 * them: the public runner view (no header values), classes, training
 * dataset versions, and what the dataset picker needs (predictions
 * versions: the dataset versions they have predictions for). not_found for
 * other owners' models.
 */
export async function listVersionRows({ ownerId, modelId }: { ownerId: string; modelId: string }, db: Db = getPrisma()) {
  const model = await getModelWithVersions({ ownerId, modelId }, db);
  const versions: ModelVersionRowDto[] = [];
  for (const v of model.versions) {
    const trained = v.trainingSets.map((t) => t.datasetVersion);
    if (trained.length === 0 && v.trainingDatasetVersion) trained.push(v.trainingDatasetVersion);
    versions.push(
      modelVersionRowDto.parse({
        id: v.id,
        number: v.number,
        runnerKind: runnerKindSchema.catch("predictions").parse(v.runnerKind),
        runner: publicRunnerConfig(v.runnerKind, v.runnerConfig),
        classes: v.classes,
        trainedOn: trained.map((t) => ({ datasetVersionId: t.id, datasetId: t.dataset.id, label: `${t.dataset.name} v${t.number}` })),
        note: v.note,
        createdAt: v.createdAt.toISOString(),
        evaluations: v._count.evaluations,
        picker: {
          runnerKind: v.runnerKind,
          classNames: v.classes.map((c) => c.name),
          largestImage: largestImageOf(v.runnerKind, v.runnerConfig),
          ...(await predictionsPicker(v.runnerKind, v.id, db)),
        },
      }),
    );
  }
  const { versions: _omit, ...rest } = model;
  void _omit;
  return { model: rest, versions };
}

/** A predictions version's dataset versions with predictions, by id and by (dataset, number); empty for other runners. */
async function predictionsPicker(runnerKind: string, modelVersionId: string, db: Db) {
  if (runnerKind !== "predictions") return { predictionsFor: [], predictedVersions: [] };
  const refs = await listPredictedDatasetVersionRefs({ modelVersionId }, db);
  return { predictionsFor: refs.map((r) => r.id), predictedVersions: refs.map((r) => ({ id: r.id, datasetId: r.datasetId, number: r.number })) };
}
