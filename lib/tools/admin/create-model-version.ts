import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { ClassEntry } from "@/lib/contracts/classes";
import { parseClassList } from "@/lib/core/classes/class-list";
import { createModelVersion } from "@/lib/server/models/create-model-version";
import { AppError } from "@/lib/core/errors";
import { defineCommand, emailFlag, nameFlag, pathFlag, positiveIntFlag, type AdminDeps } from "./args";
import { findAppNamed, findDatasetVersionNamed, findUserByEmail, formatClasses } from "./lookup";
import { findPredictionProblems, refuseOnProblems } from "@/lib/server/models/check-predictions";
import { checkPredictionFiles, listPredictionFiles, storePredictionFiles } from "@/lib/server/models/read-predictions";

export interface CreateModelVersionInput {
  email: string;
  appName: string;
  modelName: string;
  /** Folder of `<sample name>.png` predicted label maps. */
  predictionsDir: string;
  /** Class list file; exactly one of `classesFile` and `likeDataset`. */
  classesFile?: string;
  /** Copy the class list of the latest version of this dataset of the app. */
  likeDataset?: string;
  /** Dataset of the app the model was trained on (recorded, not used for scoring). */
  trainingDataset?: string;
  /** Version of `trainingDataset`; the latest when omitted. */
  trainingVersion?: number;
  /** Dataset of the app the predictions are for (default: `likeDataset`): every sample needs a prediction of its size. */
  forDataset?: string;
  /** Version of `forDataset`; the latest when omitted. */
  forVersion?: number;
  note?: string;
}

export interface CreateModelVersionResult {
  modelId: string;
  modelCreated: boolean;
  versionId: string;
  number: number;
  predictionCount: number;
  classes: ClassEntry[];
  training: { datasetName: string; number: number } | null;
}

const schema = z
  .object({
    email: emailFlag,
    app: nameFlag("app"),
    model: nameFlag("model"),
    predictions: pathFlag("predictions", "DIR"),
    classes: pathFlag("classes", "FILE").optional(),
    "like-dataset": nameFlag("like-dataset").optional(),
    "training-dataset": nameFlag("training-dataset").optional(),
    "training-version": positiveIntFlag("training-version").optional(),
    "for-dataset": nameFlag("for-dataset").optional(),
    "for-version": positiveIntFlag("for-version").optional(),
    note: z.string().trim().max(1000, "--note must be at most 1000 characters").optional(),
  })
  .refine((v) => (v.classes === undefined) !== (v["like-dataset"] === undefined), "give the class list: --classes FILE or --like-dataset NAME (one of them)")
  .refine((v) => v["training-version"] === undefined || v["training-dataset"] !== undefined, "--training-version needs --training-dataset NAME")
  .transform(
    (v): CreateModelVersionInput => ({
      email: v.email,
      appName: v.app,
      modelName: v.model,
      predictionsDir: v.predictions,
      classesFile: v.classes,
      likeDataset: v["like-dataset"],
      trainingDataset: v["training-dataset"],
      trainingVersion: v["training-version"],
      forDataset: v["for-dataset"],
      forVersion: v["for-version"],
      note: v.note,
    }),
  );

async function readClassesFile(file: string): Promise<ClassEntry[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new AppError("invalid_input", `${file}: classes file not found.`);
  }
  return parseClassList(text, file).classes.map((c) => ({ index: c.index, name: c.name, color: c.color }));
}

/**
 * Creates the app's model `modelName` when new and its next version with
 * runner kind `predictions`: every `*.png` in the folder becomes a
 * PredictionMask keyed by file stem. All files are decoded first; then the
 * domain's createModelVersion writes the model, the version and all its
 * prediction rows at once, so the version appears whole or not at all.
 */
export async function adminCreateModelVersion(input: CreateModelVersionInput, deps: AdminDeps): Promise<CreateModelVersionResult> {
  if ((input.classesFile === undefined) === (input.likeDataset === undefined)) {
    throw new AppError("invalid_input", "Give the class list: a classes file or a dataset to copy it from (one of them).");
  }
  const user = await findUserByEmail(deps.db, input.email);
  const app = await findAppNamed(deps.db, user, input.appName);
  const classes = input.classesFile
    ? await readClassesFile(input.classesFile)
    : (await findDatasetVersionNamed(deps.db, app, input.likeDataset!)).classes;
  const training = input.trainingDataset ? await findDatasetVersionNamed(deps.db, app, input.trainingDataset, input.trainingVersion) : null;
  const forName = input.forDataset ?? input.likeDataset;
  const target = forName ? await findDatasetVersionNamed(deps.db, app, forName, input.forDataset ? input.forVersion : undefined) : null;
  const { checked, report } = await checkPredictionFiles(await listPredictionFiles(input.predictionsDir));
  if (!target) refuseOnProblems(report.flatMap((r) => (r.error ? [`${r.file}: ${r.error}`] : [])), input.predictionsDir);
  else refuseOnProblems(await findPredictionProblems({ datasetVersionId: target.id, files: report }, deps.db), input.predictionsDir);
  await storePredictionFiles(checked, deps.store);
  const created = await createModelVersion(
    {
      ownerId: user.id,
      appId: app.id,
      modelName: input.modelName,
      runnerKind: "predictions",
      classes,
      trainingDatasetVersionId: training?.id ?? null,
      note: input.note,
      predictions: checked.map((c) => ({ sampleName: c.sampleName, maskSha256: c.sha256 })),
      predictionCheck: target ? { datasetVersionId: target.id, files: report } : undefined,
    },
    deps.db,
  );
  return { ...created, classes, training: training ? { datasetName: training.datasetName, number: training.number } : null };
}

export const createModelVersionCommand = defineCommand({
  name: "create-model-version",
  summary:
    "create-model-version --email E --app NAME --model NAME --predictions DIR (--classes FILE | --like-dataset NAME)   a model version from prediction masks",
  help: `Usage: npm run -s admin -- create-model-version --email E --app NAME --model NAME --predictions DIR
         (--classes FILE | --like-dataset NAME) [--training-dataset NAME [--training-version N]] [--note TEXT]

Creates the model if new and its next version, whose predictions are the masks
in DIR (runner "predictions": the model ran elsewhere).
  --email E                  the owner's email
  --app NAME                 an existing app of that user
  --model NAME               model name inside the app
  --predictions DIR          DIR/<sample name>.png, one predicted label map per sample
                             (8/16-bit grey or palette PNG, value = class index; values
                             outside the class list count as wrong predictions)
  --classes FILE             the model's class list (same formats as a dataset's classes.json)
  --like-dataset NAME        or: copy the class list of that dataset's latest version
  --training-dataset NAME    the dataset the model was trained on (recorded with the version)
  --training-version N       its version (default: latest)
  --for-dataset NAME         the dataset the predictions are for (default: --like-dataset);
                             every sample needs a decodable prediction of its size
  --for-version N            its version (default: latest)
  --note TEXT                shown beside the version
At most 20000 files of 64 MiB each. Every file is decoded first and checked
against the dataset (missing, wrong size, undecodable: a report per file, and
nothing is created); the version appears with all its predictions or not at all.`,
  options: {
    email: { type: "string" },
    app: { type: "string" },
    model: { type: "string" },
    predictions: { type: "string" },
    classes: { type: "string" },
    "like-dataset": { type: "string" },
    "training-dataset": { type: "string" },
    "training-version": { type: "string" },
    "for-dataset": { type: "string" },
    "for-version": { type: "string" },
    note: { type: "string" },
  },
  schema,
  async run(input, deps) {
    const r = await adminCreateModelVersion(input, deps);
    return [
      `Created model "${input.modelName}"${r.modelCreated ? " (new)" : ""} version ${r.number} in app "${input.appName}": ${r.predictionCount} prediction masks (runner: predictions).`,
      `Classes (${r.classes.length}): ${formatClasses(r.classes)}`,
      ...(r.training ? [`Trained on: ${r.training.datasetName} v${r.training.number}`] : []),
      `Open: /models/${r.modelId}`,
    ].join("\n");
  },
});
