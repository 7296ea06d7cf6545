import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { ClassEntry } from "@/lib/contracts/classes";
import { classEntriesOf, readClassFile } from "@/lib/core/classes/class-file";
import { createModelVersion } from "@/lib/server/models/create-model-version";
import { AppError } from "@/lib/core/errors";
import { defineCommand, emailFlag, nameFlag, pathFlag, positiveIntFlag, requiredString, type AdminDeps } from "./args";
import { datasetRefFlag, findDatasetVersionRef } from "./dataset-ref";
import { findAppNamed, findUserByEmail, formatClasses } from "./lookup";
import { findPredictionProblems, refuseOnProblems } from "@/lib/server/models/check-predictions";
import { checkPredictionFiles, listPredictionFiles, storePredictionFiles } from "@/lib/server/models/read-predictions";
import { parseHeaderFlags, parseTrainedOn, prepareRunnerSource, type PreparedRunner, type RunnerSource } from "./runner-source";

export interface CreateModelVersionInput {
  email: string;
  appName: string;
  modelName: string;
  /** Folder of `<sample name>.png` predicted label maps (runner "predictions"); or `runner`. */
  predictionsDir?: string;
  /** An .onnx file or an OIP v2 endpoint that runs the model (runner "onnx"/"http"); or `predictionsDir`. */
  runner?: RunnerSource;
  /** More training sets (`--trained-on DATASET[:VERSION]`, DATASET may be `APP/DATASET`), recorded for leakage warnings. */
  trainedOn?: readonly { datasetName: string; number?: number }[];
  /** Class list file; exactly one of `classesFile` and `likeDataset`. */
  classesFile?: string;
  /** Copy the class list of the latest version of this dataset: of the app, or `APP/DATASET` of another of the user's apps. */
  likeDataset?: string;
  /** Dataset the model was trained on (recorded, not used for scoring); `APP/DATASET` for another app's. */
  trainingDataset?: string;
  /** Version of `trainingDataset`; the latest when omitted. */
  trainingVersion?: number;
  /** Dataset the predictions are for (default: `likeDataset`; `APP/DATASET` for another app's): every sample needs a prediction of its size. */
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
  /** Every recorded training set (`--training-dataset` and `--trained-on`). */
  trainedOn: { datasetName: string; number: number }[];
  /** onnx/http: what runs the model, for the summary. */
  runner: PreparedRunner | null;
}

const schema = z
  .object({
    email: emailFlag,
    app: nameFlag("app", "app"),
    model: nameFlag("model", "model"),
    predictions: pathFlag("predictions", "DIR").optional(),
    onnx: pathFlag("onnx", "FILE").optional(),
    config: pathFlag("config", "FILE").optional(),
    endpoint: requiredString("endpoint", "URL").optional(),
    "endpoint-model": requiredString("endpoint-model", "NAME").optional(),
    header: z
      .array(z.string())
      .transform((lines, ctx) => {
        const headers = parseHeaderFlags(lines);
        if (typeof headers === "string") ctx.addIssue({ code: "custom", message: headers });
        return typeof headers === "string" ? {} : headers;
      })
      .optional(),
    "trained-on": z
      .array(z.string().trim().min(1, "--trained-on needs a value"))
      .transform((values, ctx) =>
        values.flatMap((value) => {
          const parsed = parseTrainedOn(value);
          if (typeof parsed === "string") ctx.addIssue({ code: "custom", message: parsed });
          return typeof parsed === "string" ? [] : [parsed];
        }),
      )
      .optional(),
    classes: pathFlag("classes", "FILE").optional(),
    "like-dataset": datasetRefFlag("like-dataset").optional(),
    "training-dataset": datasetRefFlag("training-dataset").optional(),
    "training-version": positiveIntFlag("training-version").optional(),
    "for-dataset": datasetRefFlag("for-dataset").optional(),
    "for-version": positiveIntFlag("for-version").optional(),
    note: z.string().trim().max(1000, "--note must be at most 1000 characters").optional(),
  })
  .refine((v) => (v.classes === undefined) !== (v["like-dataset"] === undefined), "give the class list: --classes FILE or --like-dataset NAME (one of them)")
  .refine((v) => v["training-version"] === undefined || v["training-dataset"] !== undefined, "--training-version needs --training-dataset NAME")
  .refine(
    (v) => [v.predictions, v.onnx, v.endpoint].filter((x) => x !== undefined).length === 1,
    "say what makes the predictions: --predictions DIR, --onnx FILE or --endpoint URL (one of them)",
  )
  .refine((v) => (v.endpoint === undefined) === (v["endpoint-model"] === undefined), "--endpoint URL and --endpoint-model NAME go together")
  .refine((v) => v.config === undefined || v.predictions === undefined, "--config FILE is for --onnx or --endpoint")
  .refine((v) => v.header === undefined || v.endpoint !== undefined, "--header is for --endpoint")
  .refine(
    (v) => (v["for-dataset"] === undefined && v["for-version"] === undefined) || v.predictions !== undefined,
    "--for-dataset and --for-version are for --predictions (an --onnx or --endpoint model is evaluated on any dataset)",
  )
  .refine((v) => v["for-version"] === undefined || v["for-dataset"] !== undefined, "--for-version needs --for-dataset NAME")
  .transform(
    (v): CreateModelVersionInput => ({
      email: v.email,
      appName: v.app,
      modelName: v.model,
      predictionsDir: v.predictions,
      runner: v.onnx
        ? { kind: "onnx", onnxFile: v.onnx, configFile: v.config }
        : v.endpoint
          ? { kind: "http", url: v.endpoint, modelName: v["endpoint-model"]!, headers: v.header ?? {}, configFile: v.config }
          : undefined,
      trainedOn: v["trained-on"],
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
  // The web form's reader: classes.json, labelmap.txt, a CSV with a "name" header, or one name per line.
  return classEntriesOf(readClassFile(text, file));
}

/**
 * Creates the app's model `modelName` when new and its next version. With
 * `predictionsDir` (runner "predictions"), every `*.png` in the folder becomes
 * a PredictionMask keyed by file stem, all decoded and checked first. With
 * `runner`, an .onnx file (stored, loaded and checked against its
 * preprocessing config) or an OIP v2 endpoint (its metadata read) runs the
 * model. Then the domain's createModelVersion writes the model, the version
 * and its rows at once, so the version appears whole or not at all.
 */
export async function adminCreateModelVersion(input: CreateModelVersionInput, deps: AdminDeps): Promise<CreateModelVersionResult> {
  if ((input.classesFile === undefined) === (input.likeDataset === undefined)) {
    throw new AppError("invalid_input", "Give the class list: a classes file or a dataset to copy it from (one of them).");
  }
  if ((input.predictionsDir === undefined) === (input.runner === undefined)) {
    throw new AppError("invalid_input", "Say what makes the predictions: a predictions folder, an .onnx file or an endpoint (one of them).");
  }
  if (input.runner && (input.forDataset !== undefined || input.forVersion !== undefined)) {
    throw new AppError("invalid_input", "The dataset the predictions are for is only for a predictions folder (an .onnx file or an endpoint is evaluated on any dataset).");
  }
  const user = await findUserByEmail(deps.db, input.email);
  const app = await findAppNamed(deps.db, user, input.appName);
  const classes = input.classesFile
    ? await readClassesFile(input.classesFile)
    : (await findDatasetVersionRef(deps.db, user, app, input.likeDataset!)).classes;
  const training = input.trainingDataset ? await findDatasetVersionRef(deps.db, user, app, input.trainingDataset, input.trainingVersion) : null;
  const trainedOn = training ? [training] : [];
  for (const t of input.trainedOn ?? []) {
    const found = await findDatasetVersionRef(deps.db, user, app, t.datasetName, t.number);
    if (!trainedOn.some((x) => x.id === found.id)) trainedOn.push(found);
  }
  const base = { ownerId: user.id, appId: app.id, modelName: input.modelName, classes, trainedOn: trainedOn.map((t) => t.id), note: input.note };
  const named = { classes, training: training ? { datasetName: training.datasetName, number: training.number } : null, trainedOn: trainedOn.map((t) => ({ datasetName: t.datasetName, number: t.number })) };
  if (input.runner) {
    const runner = await prepareRunnerSource(input.runner, classes.length, deps.store);
    const created = await createModelVersion({ ...base, runnerKind: runner.runnerKind, runnerConfig: runner.runnerConfig }, deps.db);
    return { ...created, ...named, runner };
  }
  const predictionsDir = input.predictionsDir!;
  const forName = input.forDataset ?? input.likeDataset;
  const target = forName ? await findDatasetVersionRef(deps.db, user, app, forName, input.forDataset ? input.forVersion : undefined) : null;
  const { checked, report } = await checkPredictionFiles(await listPredictionFiles(predictionsDir), classes.map((c) => c.color));
  if (!target) refuseOnProblems(report.flatMap((r) => (r.error ? [`${r.file}: ${r.error}`] : [])), predictionsDir);
  else {
    const { problems, unused } = await findPredictionProblems({ datasetVersionId: target.id, files: report }, deps.db);
    refuseOnProblems(problems, predictionsDir, unused);
  }
  await storePredictionFiles(checked, deps.store);
  const created = await createModelVersion(
    {
      ...base,
      runnerKind: "predictions",
      trainingDatasetVersionId: training?.id ?? null,
      predictions: checked.map((c) => ({ sampleName: c.sampleName, maskSha256: c.sha256 })),
      predictionCheck: target ? { datasetVersionId: target.id, files: report } : undefined,
    },
    deps.db,
  );
  return { ...created, ...named, runner: null };
}

export const createModelVersionCommand = defineCommand({
  name: "create-model-version",
  summary:
    "create-model-version --email E --app NAME --model NAME (--predictions DIR | --onnx FILE [--config FILE] | --endpoint URL --endpoint-model NAME) (--classes FILE | --like-dataset NAME)   a model version",
  help: `Usage: npm run -s admin -- create-model-version --email E --app NAME --model NAME
         (--predictions DIR | --onnx FILE [--config FILE] | --endpoint URL --endpoint-model NAME [--header 'Name: value' ...] [--config FILE])
         (--classes FILE | --like-dataset NAME) [--training-dataset NAME [--training-version N]] [--trained-on DATASET[:VERSION] ...] [--note TEXT]

Creates the model if new and its next version. What makes its predictions:
  --predictions DIR          runner "predictions" (the model ran elsewhere): DIR/<sample name>.png,
                             one predicted label map per sample (8/16-bit grey or palette PNG,
                             value = class index; values outside the class list count as wrong predictions;
                             or RGB in the class colours of --classes, a colour of no class refused)
  --onnx FILE                runner "onnx": the model file, run in process by onnxruntime (CPU)
  --config FILE              the preprocessing config (JSON, see README "Models"; defaults fill gaps);
                             with --endpoint: optional preprocessing before sending
  --endpoint URL             runner "http": an Open Inference Protocol v2 server's base URL
                             (user:password@ and a ?query are sent but never printed)
  --endpoint-model NAME      the model's name on that server ({URL}/v2/models/{NAME})
  --header 'Name: value'     sent with every request (e.g. Authorization); stored server-side only; repeatable
The model's classes, in output order:
  --classes FILE             the model's class list: a classes.json, a labelmap.txt, a CSV with a "name" (and r, g, b)
                             header, or one name per line (the web form's formats)
  --like-dataset NAME        or: copy the class list of that dataset's latest version
Training sets (recorded with the version; evaluations warn about leaked samples):
  --training-dataset NAME    the dataset the model was trained on
  --training-version N       its version (default: latest)
  --trained-on D[:N]         another training set, dataset D version N (default: latest); repeatable;
                             the text after the last ":" must be a version number (a dataset whose
                             name has a ":" is named with its version: "a:b:2")
Predictions only (refused with --onnx or --endpoint, which evaluate on any dataset):
  --for-dataset NAME         the dataset the predictions are for (default: --like-dataset);
                             every sample needs a decodable prediction of its size
  --for-version N            its version (default: latest); needs --for-dataset
Any runner:
  --note TEXT                shown beside the version
A dataset NAME (and D) is a dataset of --app, or APP/DATASET for a dataset of another of
the user's apps (a dataset of --app with that very name comes first).
At most 20000 prediction files of 64 MiB each. Every file is decoded first and
checked against the dataset (missing, wrong size, undecodable: a report per
file, and nothing is created). An .onnx file must load and fit its config; an
endpoint must answer its metadata request. The version appears whole or not at all.`,
  options: {
    email: { type: "string" },
    app: { type: "string" },
    model: { type: "string" },
    predictions: { type: "string" },
    onnx: { type: "string" },
    config: { type: "string" },
    endpoint: { type: "string" },
    "endpoint-model": { type: "string" },
    header: { type: "string", multiple: true },
    classes: { type: "string" },
    "like-dataset": { type: "string" },
    "training-dataset": { type: "string" },
    "training-version": { type: "string" },
    "trained-on": { type: "string", multiple: true },
    "for-dataset": { type: "string" },
    "for-version": { type: "string" },
    note: { type: "string" },
  },
  schema,
  async run(input, deps) {
    const r = await adminCreateModelVersion(input, deps);
    const what = r.runner ? `${r.runner.description} (runner: ${r.runner.runnerKind})` : `${r.predictionCount} prediction masks (runner: predictions)`;
    return [
      `Created model "${input.modelName}"${r.modelCreated ? " (new)" : ""} version ${r.number} in app "${input.appName}": ${what}.`,
      `Classes (${r.classes.length}): ${formatClasses(r.classes)}`,
      ...(r.trainedOn.length ? [`Trained on: ${r.trainedOn.map((t) => `${t.datasetName} v${t.number}`).join(", ")}`] : []),
      `Open: /models/${r.modelId}`,
    ].join("\n");
  },
});
