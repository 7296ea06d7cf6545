import type { ClassEntry } from "@/lib/contracts/classes";
import type { RunnerConfig, RunnerKind } from "@/lib/contracts/runner-config";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { insertModelVersion } from "@/lib/server/db/model-versions";
import { findOwnedApp, findOwnedDatasetVersion } from "@/lib/server/db/owned";
import { findPredictionProblems, refuseOnProblems, type PredictionFileCheck } from "./check-predictions";

export interface NewModelVersion {
  ownerId: string;
  appId: string;
  /** The model of that name in the app; created (with `modelDescription`) when new. */
  modelName: string;
  modelDescription?: string;
  runnerKind: RunnerKind;
  runnerConfig?: RunnerConfig;
  classes: readonly ClassEntry[];
  /** An owned dataset version the model was trained on (recorded, not used for scoring). */
  trainingDatasetVersionId?: string | null;
  note?: string;
  /** For runner `predictions`: the uploaded mask per sample name, blobs already stored. */
  predictions?: readonly { sampleName: string; maskSha256: string }[];
  /**
   * For uploaded predictions: the owned dataset version they are for and
   * what was read of each file. Every sample must have a decodable
   * prediction of its size, or nothing is created (per-file report).
   */
  predictionCheck?: { datasetVersionId: string; files: readonly PredictionFileCheck[] };
}

/**
 * Creates the next version of a model (the model too when new): numbered
 * after the latest one, with its class list and, for uploaded predictions,
 * one prediction row per sample name — all in one transaction, so the
 * version appears whole or not at all. The app and the training dataset
 * version must be the owner's (not_found otherwise). With `predictionCheck`,
 * bad predictions are refused before anything is written.
 */
export async function createModelVersion(input: NewModelVersion, db: Db = getPrisma()) {
  const app = await findOwnedApp({ ownerId: input.ownerId, appId: input.appId }, db);
  const training = input.trainingDatasetVersionId
    ? await findOwnedDatasetVersion({ ownerId: input.ownerId, datasetVersionId: input.trainingDatasetVersionId }, db)
    : null;
  if (input.predictionCheck) {
    const target = await findOwnedDatasetVersion({ ownerId: input.ownerId, datasetVersionId: input.predictionCheck.datasetVersionId }, db);
    refuseOnProblems(await findPredictionProblems({ datasetVersionId: target.id, files: input.predictionCheck.files }, db), "Predictions");
  }
  return insertModelVersion(
    {
      appId: app.id,
      modelName: input.modelName,
      modelDescription: input.modelDescription,
      runnerKind: input.runnerKind,
      runnerConfig: input.runnerConfig ?? {},
      classes: input.classes,
      trainingDatasetVersionId: training?.id ?? null,
      note: input.note ?? "",
      predictions: input.predictions ?? [],
    },
    db,
  );
}
