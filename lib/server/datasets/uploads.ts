import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import busboy from "busboy";
import { AppError } from "@/lib/core/errors";
import { multipartError, uploadStopper } from "@/lib/server/transport/multipart-error";
import { repeatedFieldError } from "@/lib/server/transport/multipart-fields";
import { getEnv } from "@/lib/server/env";
import { extractArchive, openFolderSource, type ImportSource } from "./import";
import { formatBytes, getImportLimits } from "./import/limits";

/**
 * The upload staging area: an archive posted from the browser (or the REST
 * API) is streamed to `DATA_DIR/uploads/<uploadId>/archive` (never held in
 * memory), owned by the user who sent it, and kept between the steps of the
 * upload wizard (inspect, map, import). Abandoned uploads are swept after
 * {@link UPLOAD_MAX_AGE_MS}.
 */

/** Uploads untouched for this long are removed by the sweep. */
export const UPLOAD_MAX_AGE_MS = 24 * 60 * 60_000;
/** Text fields of a multipart upload (JSON mapping, classes, tags) are bounded too. */
const MAX_FIELD_BYTES = 4 * 1024 ** 2;
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const uploadsRoot = (dataDir = getEnv().DATA_DIR) => path.join(dataDir, "uploads");

interface UploadMeta {
  ownerId: string;
  fileName: string;
  bytes: number;
  createdAt: string;
}

export interface ReceivedUpload {
  uploadId: string;
  fileName: string;
  bytes: number;
  /** The multipart's text fields (layout, classes, mapping, tags, note…). */
  fields: Record<string, string>;
}

/**
 * Streams a multipart request's `archive` file to a new upload folder owned
 * by `ownerId`, counting bytes against the archive limit as they arrive (a
 * too-large body is cut off with `too_large`). Text fields are returned.
 * A failed upload leaves nothing behind.
 */
export async function receiveUpload(req: Request, { ownerId, root = uploadsRoot() }: { ownerId: string; root?: string }): Promise<ReceivedUpload> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !req.body) throw new AppError("invalid_input", "Send the archive as multipart/form-data with a file field named \"archive\".");
  const limits = getImportLimits();
  const uploadId = randomUUID();
  const dir = path.join(root, uploadId);
  await mkdir(dir, { recursive: true });
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: number } | null = null;
  const writes: Promise<void>[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const bb = busboy({ headers: { "content-type": contentType }, limits: { files: 2, fieldSize: MAX_FIELD_BYTES, fields: 20, fileSize: limits.archiveBytes + 1 } });
      const source = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream);
      // A refusal ends the upload at once (the rest of the body is not read); the catch below waits for the writes.
      const stop = uploadStopper(source, bb, reject);
      const fail = stop.fail;
      bb.on("field", (name, value, info) => {
        if (info.valueTruncated) fail(new AppError("too_large", `The field "${name}" is longer than ${formatBytes(MAX_FIELD_BYTES)}.`));
        if (Object.hasOwn(fields, name)) return fail(repeatedFieldError(name));
        fields[name] = value;
      });
      bb.on("file", (name, stream, info) => {
        if (name !== "archive") {
          stream.resume();
          return;
        }
        if (file) {
          stream.on("error", () => {}); // fail() destroys this part; its "unexpected end" is not the error to report
          return fail(new AppError("invalid_input", `More than one archive: ${path.basename(info.filename || "upload")} (send one part named "archive").`));
        }
        const entry = { name: path.basename(info.filename || "upload"), bytes: 0 };
        file = entry;
        const counter = new Transform({
          transform(chunk: Buffer, _enc, done) {
            entry.bytes += chunk.length;
            if (entry.bytes > limits.archiveBytes) {
              return done(new AppError("too_large", `${entry.name}: more than the ${formatBytes(limits.archiveBytes)} allowed for an archive (IMPORT_MAX_ARCHIVE_BYTES).`));
            }
            done(null, chunk);
          },
        });
        writes.push(pipeline(stream, counter, createWriteStream(path.join(dir, "archive"))).catch(fail));
      });
      bb.on("error", fail);
      bb.on("close", () => void Promise.all(writes).then(() => (stop.failed ? undefined : resolve())));
      source.on("error", fail).pipe(bb);
    });
    const got = file as { name: string; bytes: number } | null;
    if (!got) throw new AppError("invalid_input", 'No file named "archive" in the upload.');
    if (got.bytes === 0) throw new AppError("invalid_input", `${got.name}: the archive is empty.`);
    const meta: UploadMeta = { ownerId, fileName: got.name, bytes: got.bytes, createdAt: new Date().toISOString() };
    await writeFile(path.join(dir, "meta.json"), JSON.stringify(meta));
    return { uploadId, fileName: got.name, bytes: got.bytes, fields };
  } catch (error) {
    // Every part stream has ended or was destroyed by then: let their writes settle so none lands after the folder is gone.
    await Promise.allSettled(writes);
    await rm(dir, { recursive: true, force: true });
    throw multipartError(error);
  }
}

async function readMeta(dir: string): Promise<UploadMeta | null> {
  try {
    return JSON.parse(await readFile(path.join(dir, "meta.json"), "utf8")) as UploadMeta;
  } catch {
    return null;
  }
}

/** The owner's upload folder; not_found for a malformed id, a missing upload or another user's. */
export async function findOwnedUpload({ ownerId, uploadId, root = uploadsRoot() }: { ownerId: string; uploadId: string; root?: string }) {
  if (!UPLOAD_ID.test(uploadId)) throw new AppError("not_found", "Upload not found.");
  const dir = path.join(root, uploadId);
  const meta = await readMeta(dir);
  if (!meta || meta.ownerId !== ownerId) throw new AppError("not_found", "Upload not found (it may have expired; upload the archive again).");
  return { dir, meta };
}

const extracting = new Map<string, Promise<string>>();

/**
 * The upload's files as an import source: the archive is extracted once
 * (into `<upload>/files`) and reused by later steps. `cleanup` keeps the
 * files (the whole upload goes with {@link deleteUpload} or the sweep).
 */
export async function openUploadSource(args: { ownerId: string; uploadId: string; root?: string }): Promise<ImportSource & { fileName: string }> {
  const { dir, meta } = await findOwnedUpload(args);
  const files = path.join(dir, "files");
  if (!(await stat(files).catch(() => null))) {
    let job = extracting.get(dir);
    if (!job) {
      job = (async () => {
        const source = await extractArchive({ file: path.join(dir, "archive"), name: meta.fileName, stagingRoot: dir });
        await rename(source.root, files);
        return files;
      })().finally(() => extracting.delete(dir));
      extracting.set(dir, job);
    }
    await job;
  }
  const now = new Date();
  await writeFile(path.join(dir, "meta.json"), JSON.stringify({ ...meta, touchedAt: now.toISOString() }));
  const source = await openFolderSource({ dir: files });
  return { ...source, label: meta.fileName, fileName: meta.fileName, cleanup: async () => {} };
}

/** Removes an upload (after its import, or when the user abandons it); a no-op when it is gone. */
export async function deleteUpload(args: { ownerId: string; uploadId: string; root?: string }): Promise<void> {
  const { dir } = await findOwnedUpload(args).catch(() => ({ dir: null }));
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** Removes uploads not touched for `maxAgeMs` (abandoned wizards, cut-off posts); returns how many. */
export async function sweepUploads({ root = uploadsRoot(), maxAgeMs = UPLOAD_MAX_AGE_MS, now = Date.now() }: { root?: string; maxAgeMs?: number; now?: number } = {}): Promise<number> {
  const names = await readdir(root).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const dir = path.join(root, name);
    const info = await stat(path.join(dir, "meta.json")).catch(() => stat(dir).catch(() => null));
    if (!info || now - info.mtimeMs < maxAgeMs) continue;
    await rm(dir, { recursive: true, force: true });
    removed++;
  }
  return removed;
}
