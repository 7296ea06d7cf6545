import "server-only";
import { classNamesProblem } from "@/lib/core/classes/class-list";
import { AppError } from "@/lib/core/errors";
import { countCommonClasses, noCommonClassMessage } from "@/lib/core/model-classes";
import type { ClassEntry } from "@/lib/contracts/classes";
import type { RunnerConfig, RunnerKind } from "@/lib/contracts/runner-config";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { getDatasetVersionClasses } from "@/lib/server/db/dataset-versions";
import { insertModelVersion } from "@/lib/server/db/model-versions";
import { findOwnedApp, findOwnedDatasetVersion } from "@/lib/server/db/owned";
import { readBlob } from "@/lib/server/storage/blob-store";
import { findPredictionProblems, refuseOnProblems, type PredictionFileCheck } from "./check-predictions";
import { prepareRunnerConfig, type StoredModelFile } from "./prepare-runner-config";

export interface NewModelVersion {
  ownerId: string;
  appId: string;
  /** The model of that name in the app; created (with `modelDescription`) when new. */
  modelName: string;
  modelDescription?: string;
  runnerKind: RunnerKind;
  /** A ready config (predictions: `{}`); otherwise built from `config`/`onnxFile` and checked (prepare-runner-config.ts). */
  runnerConfig?: RunnerConfig;
  /** onnx: the preprocessing config; http: `{url, modelName, headers?, preprocess?}` (JSON as given). */
  config?: unknown;
  /** onnx: the uploaded model file, already stored as a blob. */
  onnxFile?: StoredModelFile;
  /** Reads a stored blob (default: the blob store); used to check an onnx file. */
  readBlob?: (sha256: string) => Promise<Uint8Array>;
  /** http: do not contact the endpoint (tests of unrelated paths). */
  skipEndpointCheck?: boolean;
  classes: readonly ClassEntry[];
  /** An owned dataset version the model was trained on (recorded, not used for scoring). */
  trainingDatasetVersionId?: string | null;
  /** Owned dataset versions the model was trained on (recorded for leakage warnings). */
  trainedOn?: readonly string[];
  note?: string;
  /** For runner `predictions`: the uploaded mask per sample name, blobs already stored. */
  predictions?: readonly { sampleName: string; maskSha256: string }[];
  /**
   * For uploaded predictions: the owned dataset version they are for and
   * what was read of each file. Every sample must have a decodable
   * prediction of its size, or nothing is created (per-file report).
   */
  predictionCheck?: { datasetVersionId: string; files: readonly PredictionFileCheck[] };
  /**
   * Stores what the version refers to (an uploaded file's blobs) once every
   * check has passed, just before the version is written: a refused upload
   * leaves nothing in the blob store.
   */
  beforeInsert?: () => Promise<void>;
}

/**
 * Creates the next version of a model (the model too when new): numbered
 * after the latest one, with its class list and, for uploaded predictions,
 * one prediction row per sample name — all in one transaction, so the
 * version appears whole or not at all. The app and the training dataset
 * version must be the owner's (not_found otherwise). With `predictionCheck`,
 * bad predictions are refused before anything is written; an onnx file or
 * endpoint that does not fit its config is refused the same way.
 */
export async function createModelVersion(input: NewModelVersion, db: Db = getPrisma()) {
  const app = await findOwnedApp({ ownerId: input.ownerId, appId: input.appId }, db);
  const training = input.trainingDatasetVersionId
    ? await findOwnedDatasetVersion({ ownerId: input.ownerId, datasetVersionId: input.trainingDatasetVersionId }, db)
    : null;
  const trainedOn: string[] = [];
  for (const datasetVersionId of input.trainedOn ?? []) trainedOn.push((await findOwnedDatasetVersion({ ownerId: input.ownerId, datasetVersionId }, db)).id);
  if (input.classes.length === 0) throw new AppError("invalid_input", "A model version needs its class list (names in output order).", { fieldErrors: { classes: ["Give at least one class."] } });
  const bad = classNamesProblem(input.classes.map((c) => c.name.trim()));
  if (bad?.reason === "repeated") {
    throw new AppError("invalid_input", `Class names must be unique (ignoring case): "${bad.name}" appears twice.`, { fieldErrors: { classes: [`"${bad.name}" appears twice; class names must be unique (ignoring case).`] } });
  }
  if (bad) throw new AppError("invalid_input", `classes: ${bad.problem}`, { fieldErrors: { classes: [bad.problem] } });
  const runnerConfig =
    input.runnerConfig ??
    (await prepareRunnerConfig({
      runnerKind: input.runnerKind,
      config: input.config,
      onnxFile: input.onnxFile,
      classCount: input.classes.length,
      readBlob: input.readBlob ?? readBlob,
      skipEndpointCheck: input.skipEndpointCheck,
    }));
  if (input.predictionCheck) {
    const target = await findOwnedDatasetVersion({ ownerId: input.ownerId, datasetVersionId: input.predictionCheck.datasetVersionId }, db);
    // A predictions version evaluates only this dataset version: with no class in common it could never be evaluated.
    const modelNames = input.classes.map((c) => c.name);
    const datasetNames = (await getDatasetVersionClasses({ datasetVersionId: target.id }, db)).classes.map((c) => c.name);
    if (countCommonClasses(modelNames, datasetNames) === 0) {
      const message = noCommonClassMessage("The version's classes", `the dataset version its predictions are for (v${target.number})`, modelNames, datasetNames);
      throw new AppError("invalid_input", `${message} It could never be evaluated; nothing was created.`, { fieldErrors: { classes: ["No class in common with the dataset version of the predictions."] } });
    }
    const { problems, unused } = await findPredictionProblems({ datasetVersionId: target.id, files: input.predictionCheck.files }, db);
    refuseOnProblems(problems, "Predictions", unused);
  }
  await input.beforeInsert?.();
  return insertModelVersion(
    {
      appId: app.id,
      modelName: input.modelName,
      modelDescription: input.modelDescription,
      runnerKind: input.runnerKind,
      runnerConfig,
      classes: input.classes,
      trainingDatasetVersionId: training?.id ?? trainedOn[0] ?? null,
      trainedOn,
      note: input.note ?? "",
      predictions: input.predictions ?? [],
    },
    db,
  );
}
