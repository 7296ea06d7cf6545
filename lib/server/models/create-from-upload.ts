import "server-only";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { AppError, issueLines } from "@/lib/core/errors";
import { defaultClassColor } from "@/lib/core/classes/class-list";
import { isOsMetadataPath } from "@/lib/core/import/entry-path";
import type { ClassEntry } from "@/lib/contracts/classes";
import { runnerKindSchema } from "@/lib/contracts/runner-config";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { findOwnedDatasetVersion, findOwnedModel } from "@/lib/server/db/owned";
import { extractArchive } from "@/lib/server/datasets/import";
import { getBlobStore } from "@/lib/server/storage/blob-store";
import { refuseUnknownFields } from "@/lib/server/transport/multipart-fields";
import { createModelVersion } from "./create-model-version";
import { checkPredictionFiles, listPredictionFiles, storePredictionFiles } from "./read-predictions";
import type { ReceivedModelUpload } from "./receive-model-upload";

const classNameOrEntry = z.union([z.string().trim().min(1), z.object({ name: z.string().trim().min(1), color: z.tuple([z.number(), z.number(), z.number()]).optional() })]);
const jsonField = <T extends z.ZodType>(schema: T) =>
  z.string().transform((text, ctx): z.infer<T> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: "custom", message: "not valid JSON." });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: issueLines(parsed.error.issues).join("; ") });
      return z.NEVER;
    }
    return parsed.data;
  });

/** The multipart fields of POST /models/{modelId}/versions (DESIGN.md "REST API v1"). */
export const modelVersionUploadSchema = z.object({
  runner: runnerKindSchema,
  // A JSON list of names (or {name, color}), or a classes file as the admin CLI reads it: {"classes": [...]}.
  classes: jsonField(z.preprocess(
      (v) => (v !== null && typeof v === "object" && !Array.isArray(v) && "classes" in v ? (v as { classes: unknown }).classes : v),
      z.array(classNameOrEntry).min(1, "give at least one class").max(1000),
    ),
  ),
  config: jsonField(z.record(z.string(), z.unknown())).optional(),
  // An empty form field is no choice (refused below with a sentence, for predictions only).
  datasetVersionId: z.preprocess((v) => (v === "" ? undefined : v), z.string().min(1).optional()),
  trainedOn: jsonField(z.array(z.string().min(1)).max(50)).optional(),
  note: z.string().max(1000).optional(),
});

/** Class names (or {name, color}) in output order as stored class entries. */
export function toClassEntries(classes: readonly z.infer<typeof classNameOrEntry>[]): ClassEntry[] {
  return classes.map((c, index) => {
    const name = typeof c === "string" ? c : c.name;
    const color = typeof c === "string" || !c.color ? defaultClassColor(index) : c.color;
    return { index, name, color: [...color] as ClassEntry["color"] };
  });
}

/**
 * Creates the next version of an owned model from a received multipart
 * upload: onnx (the file streamed into the blob store, then loaded and its
 * signature checked against `config`), http (`config` = the endpoint; its
 * metadata must answer) or predictions (an archive of `<sample name>.png`
 * for `datasetVersionId`, every sample checked). Nothing is created on any
 * problem. Returns the version's id and number.
 */
export async function createVersionFromUpload(
  { ownerId, modelId, upload }: { ownerId: string; modelId: string; upload: ReceivedModelUpload },
  db: Db = getPrisma(),
): Promise<{ id: string; number: number }> {
  const model = await findOwnedModel({ ownerId, modelId }, db);
  refuseUnknownFields(upload.fields, Object.keys(modelVersionUploadSchema.shape), "file");
  const parsed = modelVersionUploadSchema.safeParse(upload.fields);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    throw new AppError("invalid_input", Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v.join("; ")}`).join("\n"), { fieldErrors });
  }
  const input = parsed.data;
  const classes = toClassEntries(input.classes);
  const store = getBlobStore();
  const base = { ownerId, appId: model.appId, modelName: model.name, runnerKind: input.runner, classes, trainedOn: input.trainedOn, note: input.note };
  const file = upload.file;
  if (input.runner === "onnx") {
    if (!file) throw new AppError("invalid_input", "file: choose the .onnx model file.", { fieldErrors: { file: ["Choose the .onnx file."] } });
    // Checked from the upload's own file; stored only when the version is about to be written.
    const bytes = await readFile(file.path);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const created = await createModelVersion(
      {
        ...base,
        config: input.config ?? {},
        onnxFile: { sha256, fileName: file.name, bytes: bytes.byteLength },
        readBlob: async () => bytes,
        beforeInsert: async () => void (await store.putBlob(bytes, { label: file.name })),
      },
      db,
    );
    return { id: created.versionId, number: created.number };
  }
  if (input.runner === "http") {
    if (file) throw new AppError("invalid_input", `file: an http version sends each image to its endpoint and takes no file (${file.name} was sent); send only the config.`, { fieldErrors: { file: ["An http version takes no file."] } });
    const created = await createModelVersion({ ...base, config: input.config ?? {} }, db);
    return { id: created.versionId, number: created.number };
  }
  if (!file) throw new AppError("invalid_input", "file: choose the predictions archive (.zip or .tar.gz of <sample name>.png).", { fieldErrors: { file: ["Choose the archive."] } });
  if (!input.datasetVersionId) throw new AppError("invalid_input", "datasetVersionId: choose the dataset version the predictions are for.", { fieldErrors: { datasetVersionId: ["Required."] } });
  const target = await findOwnedDatasetVersion({ ownerId, datasetVersionId: input.datasetVersionId }, db);
  const source = await extractArchive({ file: file.path, name: file.name }).catch((error: unknown) => {
    throw aboutTheFile(error);
  });
  try {
    const dir = await folderWithPngs(source.root, source.files);
    const { checked, report } = await checkPredictionFiles(await listPredictionFiles(dir), classes.map((c) => c.color));
    const named = report.map((r) => ({ ...r, file: path.relative(source.root, r.file) || r.file }));
    const created = await createModelVersion(
      {
        ...base,
        runnerConfig: {},
        predictions: checked.map((c) => ({ sampleName: c.sampleName, maskSha256: c.sha256 })),
        predictionCheck: { datasetVersionId: target.id, files: named },
        beforeInsert: () => storePredictionFiles(checked, store),
      },
      db,
    );
    return { id: created.versionId, number: created.number };
  } catch (error) {
    throw aboutTheFile(error);
  } finally {
    await source.cleanup();
  }
}

/** A refusal that names no field is about the uploaded archive (not one, its files' names, sizes, values): the form marks its file input. */
function aboutTheFile(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== "invalid_input" || error.fieldErrors) return error;
  return new AppError(error.code, error.message, { cause: error, fieldErrors: { file: [error.message.split("\n")[0]] } });
}

/** The folder of the archive that holds the PNGs: its root, or the one folder everything is in (macOS "__MACOSX/" and "._" copies aside). */
async function folderWithPngs(root: string, files: readonly string[]): Promise<string> {
  const pngs = files.filter((f) => f.toLowerCase().endsWith(".png") && !isOsMetadataPath(f));
  const dirs = new Set(pngs.map((f) => path.posix.dirname(f)));
  if (dirs.size === 1) return path.join(root, [...dirs][0]);
  if (dirs.size === 0) throw new AppError("invalid_input", "The archive holds no .png prediction masks.");
  throw new AppError("invalid_input", `The archive's .png files are in ${dirs.size} folders; put every <sample name>.png in one folder.`);
}
