import "server-only";
import { classListSchema, type ClassEntry } from "@/lib/contracts/classes";
import { runnerConfigSchema, type RunnerConfig, type RunnerKind } from "@/lib/contracts/runner-config";
import { getPrisma, type Db } from "./client";
import { findModelByName, insertModel } from "./models";
import { newestFirst, nextVersionNumber } from "./versions";

/** Prisma's interactive transactions time out after 5 s by default; 20 000 prediction rows may need longer on a slow disk. */
const TRANSACTION_TIMEOUT_MS = 120_000;

export interface NewModelVersionRow {
  appId: string;
  /** The model is found by name in the app, or created with `modelDescription`. */
  modelName: string;
  modelDescription?: string;
  runnerKind: RunnerKind;
  runnerConfig: RunnerConfig;
  classes: readonly ClassEntry[];
  trainingDatasetVersionId: string | null;
  /** Every dataset version the model was trained on (recorded for leakage checks); ids already owner-checked. */
  trainedOn?: readonly string[];
  note: string;
  /** Uploaded predicted masks (runner `predictions`), keyed by sample name; blobs already stored. */
  predictions: readonly { sampleName: string; maskSha256: string }[];
}

/**
 * Writes the model (when new), its next version and the version's
 * prediction rows in one transaction: the version appears with all its
 * predictions or not at all.
 */
export async function insertModelVersion(input: NewModelVersionRow, db: Db = getPrisma()) {
  const classes = classListSchema.parse(input.classes);
  const runnerConfig = runnerConfigSchema.parse(input.runnerConfig);
  return db.$transaction(
    async (tx) => {
      const existing = await findModelByName({ appId: input.appId, name: input.modelName }, tx);
      const model = existing ?? (await insertModel({ appId: input.appId, name: input.modelName, description: input.modelDescription }, tx));
      const latest = await tx.modelVersion.findFirst({ where: { modelId: model.id }, orderBy: newestFirst, select: { number: true } });
      const number = nextVersionNumber(latest);
      const version = await tx.modelVersion.create({
        data: {
          modelId: model.id,
          number,
          runnerKind: input.runnerKind,
          runnerConfig,
          classes,
          trainingDatasetVersionId: input.trainingDatasetVersionId,
          note: input.note,
        },
        select: { id: true },
      });
      const trainedOn = [...new Set([...(input.trainedOn ?? []), ...(input.trainingDatasetVersionId ? [input.trainingDatasetVersionId] : [])])];
      if (trainedOn.length > 0) {
        await tx.modelVersionTrainingSet.createMany({ data: trainedOn.map((datasetVersionId) => ({ modelVersionId: version.id, datasetVersionId })) });
      }
      const { count } = await tx.predictionMask.createMany({
        data: input.predictions.map((p) => ({ modelVersionId: version.id, sampleName: p.sampleName, maskSha256: p.maskSha256 })),
      });
      return { modelId: model.id, modelCreated: !existing, versionId: version.id, number, predictionCount: count };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
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

/** The stored runner, classes and model of one version (by id; callers check ownership first). */
export async function getModelVersionRunner({ modelVersionId }: { modelVersionId: string }, db: Db = getPrisma()) {
  const v = await db.modelVersion.findUniqueOrThrow({
    where: { id: modelVersionId },
    select: { id: true, number: true, runnerKind: true, runnerConfig: true, classes: true, model: { select: { name: true } } },
  });
  return { ...v, classes: classListSchema.parse(v.classes), runnerConfig: runnerConfigSchema.parse(v.runnerConfig) };
}

/**
 * Per dataset version, how many of its samples have an uploaded prediction
 * of model version `modelVersionId` (matched by sample name). Versions with
 * none are absent. One grouped query.
 */
export async function countPredictedSamples({ modelVersionId }: { modelVersionId: string }, db: Db = getPrisma()): Promise<Map<string, number>> {
  const rows = await db.$queryRaw<{ datasetVersionId: string; n: number | bigint }[]>`
    SELECT dvs."datasetVersionId" AS "datasetVersionId", COUNT(*) AS n
    FROM "DatasetVersionSample" dvs
    JOIN "Sample" s ON s."id" = dvs."sampleId"
    JOIN "PredictionMask" p ON p."sampleName" = s."name" AND p."modelVersionId" = ${modelVersionId}
    GROUP BY dvs."datasetVersionId"`;
  return new Map(rows.map((r) => [r.datasetVersionId, Number(r.n)]));
}

/** The dataset versions (ids) every sample of which has a prediction of this `predictions` model version. */
export async function listPredictedDatasetVersions({ modelVersionId }: { modelVersionId: string }, db: Db = getPrisma()): Promise<string[]> {
  return (await listPredictedDatasetVersionRefs({ modelVersionId }, db)).map((v) => v.id);
}

/** The same dataset versions with their dataset id and number (for pickers that choose a dataset, then a version). */
export async function listPredictedDatasetVersionRefs(
  { modelVersionId }: { modelVersionId: string },
  db: Db = getPrisma(),
): Promise<{ id: string; datasetId: string; number: number }[]> {
  const counts = await countPredictedSamples({ modelVersionId }, db);
  if (counts.size === 0) return [];
  const versions = await db.datasetVersion.findMany({ where: { id: { in: [...counts.keys()] } }, select: { id: true, datasetId: true, number: true, sampleCount: true } });
  return versions.filter((v) => v.sampleCount > 0 && counts.get(v.id) === v.sampleCount).map(({ id, datasetId, number }) => ({ id, datasetId, number }));
}
