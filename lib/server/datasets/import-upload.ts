import "server-only";
import { z } from "zod";
import { AppError, issueLines } from "@/lib/core/errors";
import { importOptionsSchema, layoutSchema, valueMappingSchema, type ImportOptionsInput } from "@/lib/contracts/dataset-import";
import { findOwnedDataset } from "@/lib/server/db/owned";
import { importDataset, type ImportOutcome } from "./import-dataset-version";
import { toInspectOptions } from "./upload-report";
import { refuseUnknownFields } from "@/lib/server/transport/multipart-fields";
import { deleteUpload, openUploadSource, receiveUpload } from "./uploads";

const modeSchema = z.enum(["new", "update"]).default("new");

/** The text fields POST /datasets/:id/versions reads; any other is refused by name (a misspelt "Mode" must not import as "new"). */
export const VERSION_UPLOAD_FIELDS = ["layout", "split", "classes", "mapping", "tags", "note", "mode", "validSubset"] as const;

/**
 * Refuses a multipart field the route does not read, naming it (and the
 * field it probably meant when only the case differs), and a `validSubset`
 * other than "true" or "false" (empty: false).
 */
export function checkVersionUploadFields(fields: Record<string, string>): { validSubset: boolean } {
  refuseUnknownFields(fields, VERSION_UPLOAD_FIELDS, "archive");
  const validSubset = (fields.validSubset ?? "").trim();
  if (validSubset !== "" && validSubset !== "true" && validSubset !== "false") throw new AppError("invalid_input", 'validSubset: must be "true" or "false".');
  return { validSubset: validSubset === "true" };
}

function parseJsonField<S extends z.ZodType>(fields: Record<string, string>, name: string, schema: S): z.infer<S> | undefined {
  const raw = fields[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new AppError("invalid_input", `${name}: not valid JSON (${(error as Error).message}).`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError("invalid_input", `${name}: ${issueLines(parsed.error.issues).join("; ")}.`);
  return parsed.data;
}

/**
 * POST /api/v1/datasets/:id/versions: streams the multipart `archive` to the
 * upload staging area, reads `layout`, `classes` (JSON), `mapping` (JSON:
 * value -> class index or "void"), `tags` (JSON), `note`, optional
 * `mode` ("new" | "update") and `validSubset` ("true" | "false"), refusing
 * any other field by name, imports through
 * {@link importDataset} and removes the upload whatever happens.
 */
export async function importVersionFromRequest({ ownerId, datasetId, req }: { ownerId: string; datasetId: string; req: Request }): Promise<ImportOutcome> {
  await findOwnedDataset({ ownerId, datasetId });
  const upload = await receiveUpload(req, { ownerId });
  try {
    const f = upload.fields;
    const { validSubset } = checkVersionUploadFields(f);
    const layout = f.layout ? layoutSchema.safeParse(f.layout) : null;
    if (layout && !layout.success) throw new AppError("invalid_input", `layout: must be one of ${layoutSchema.options.join(", ")}.`);
    const classes = parseJsonField(f, "classes", z.unknown());
    const tags = parseJsonField(f, "tags", z.record(z.string(), z.array(z.string())));
    const mapping = parseJsonField(f, "mapping", valueMappingSchema);
    const mode = modeSchema.safeParse(f.mode || undefined);
    if (!mode.success) throw new AppError("invalid_input", 'mode: must be "new" or "update".');
    const source = await openUploadSource({ ownerId, uploadId: upload.uploadId });
    return await importDataset({
      ownerId,
      target: { datasetId },
      source: { source },
      options: toInspectOptions({
        layout: layout?.data ?? "auto",
        split: f.split || undefined,
        mapping,
        classes: classes === undefined ? undefined : JSON.stringify(classes),
        tags: tags === undefined ? undefined : JSON.stringify(tags),
      }),
      validSubset,
      note: f.note?.slice(0, 1000),
      mode: mode.data,
    });
  } finally {
    await deleteUpload({ ownerId, uploadId: upload.uploadId });
  }
}

/** The wizard's last step: imports an owned upload into an owned dataset with the options the user settled, then drops the upload. */
export async function importStagedUpload(input: {
  ownerId: string;
  datasetId: string;
  uploadId: string;
  options: ImportOptionsInput;
  validSubset: boolean;
  note?: string;
  mode?: "new" | "update";
}): Promise<ImportOutcome> {
  await findOwnedDataset({ ownerId: input.ownerId, datasetId: input.datasetId });
  const options = importOptionsSchema.parse(input.options);
  const source = await openUploadSource({ ownerId: input.ownerId, uploadId: input.uploadId });
  const outcome = await importDataset({
    ownerId: input.ownerId,
    target: { datasetId: input.datasetId },
    source: { source },
    options: toInspectOptions(options),
    validSubset: input.validSubset,
    note: input.note,
    mode: input.mode ?? "new",
  });
  await deleteUpload({ ownerId: input.ownerId, uploadId: input.uploadId });
  return outcome;
}

/**
 * The wizard's "Choose another archive": drops the owner's staged upload for
 * an owned dataset at once instead of leaving it to the 24-hour sweep. A
 * missing or foreign upload is a no-op (deleteUpload checks the owner); a
 * foreign dataset is not_found.
 */
export async function discardStagedUpload(input: { ownerId: string; datasetId: string; uploadId: string }): Promise<void> {
  await findOwnedDataset({ ownerId: input.ownerId, datasetId: input.datasetId });
  await deleteUpload({ ownerId: input.ownerId, uploadId: input.uploadId });
}
