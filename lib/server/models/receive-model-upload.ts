import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import { AppError } from "@/lib/core/errors";
import { multipartError, uploadStopper } from "@/lib/server/transport/multipart-error";
import { repeatedFieldError } from "@/lib/server/transport/multipart-fields";
import { uploadsRoot } from "@/lib/server/datasets/uploads";

/** Largest model file or predictions archive accepted from a form or the REST API (1 GiB). */
export const MAX_MODEL_UPLOAD_BYTES = 1024 * 1024 * 1024;
const MAX_FIELD_BYTES = 256 * 1024;

export interface ReceivedModelUpload {
  fields: Record<string, string>;
  /** The streamed `file` part on disk, or null when none was sent. */
  file: { path: string; name: string; bytes: number } | null;
  /** Removes the temp folder (call when done, success or not). */
  cleanup(): Promise<void>;
}

/**
 * Streams a multipart POST (fields + one `file` part) to a temp folder under
 * DATA_DIR/uploads, counting bytes against {@link MAX_MODEL_UPLOAD_BYTES} as
 * they arrive; nothing is held in memory. Any other part sent as a file (e.g.
 * `curl -F classes=@classes.json`) is read as that field's text, up to 256
 * KiB. A second `file` part is refused (invalid_input) rather than dropped.
 * A failed upload leaves nothing.
 */
export async function receiveModelUpload(req: Request, { maxBytes = MAX_MODEL_UPLOAD_BYTES }: { maxBytes?: number } = {}): Promise<ReceivedModelUpload> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.startsWith("multipart/form-data") || !req.body) {
    throw new AppError("invalid_input", "Send the version as multipart/form-data (fields runner, classes, config, … and a file named \"file\").");
  }
  const dir = path.join(uploadsRoot(), `model-${randomUUID()}`);
  await mkdir(dir, { recursive: true });
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const fields: Record<string, string> = {};
  let file: { path: string; name: string; bytes: number } | null = null;
  const writes: Promise<void>[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const bb = busboy({ headers: { "content-type": contentType }, limits: { files: 8, fieldSize: MAX_FIELD_BYTES, fields: 20, fileSize: maxBytes + 1 } });
      const source = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream);
      // A part over its limit ends the upload at once: busboy would wait forever for a part stream that was destroyed.
      const stop = uploadStopper(source, bb, reject);
      const fail = stop.fail;
      bb.on("field", (name, value, info) => {
        if (info.valueTruncated) fail(new AppError("too_large", `The field "${name}" is too long.`));
        if (Object.hasOwn(fields, name)) return fail(repeatedFieldError(name));
        fields[name] = value;
      });
      bb.on("file", (name, stream, info) => {
        if (name !== "file") {
          return void writes.push(readTextPart(name, stream).then((text) => (Object.hasOwn(fields, name) ? fail(repeatedFieldError(name)) : void (fields[name] = text)), fail));
        }
        if (file) {
          stream.on("error", () => {}); // fail() destroys this part; its "unexpected end" is not the error to report
          return fail(new AppError("invalid_input", `More than one model file: ${path.basename(info.filename || "upload")} (send the model as one part named "file").`));
        }
        const entry = { path: path.join(dir, "file"), name: path.basename(info.filename || "upload"), bytes: 0 };
        file = entry;
        const counter = new Transform({
          transform(chunk: Buffer, _enc, done) {
            entry.bytes += chunk.length;
            if (entry.bytes > maxBytes) return done(new AppError("too_large", `${entry.name}: larger than the ${Math.round(maxBytes / 2 ** 20)} MiB allowed.`));
            done(null, chunk);
          },
        });
        writes.push(pipeline(stream, counter, createWriteStream(entry.path)).catch(fail));
      });
      bb.on("error", fail);
      bb.on("close", () => void Promise.all(writes).then(() => (stop.failed ? undefined : resolve())));
      source.on("error", fail).pipe(bb);
    });
    return { fields, file, cleanup };
  } catch (error) {
    // Every part stream has ended or was destroyed by then: let their writes settle so none lands after the folder is gone.
    await Promise.allSettled(writes);
    await cleanup();
    throw multipartError(error);
  }
}

/** A field sent as a file part: its UTF-8 text, refused (too_large) past the field limit. */
async function readTextPart(name: string, stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += (chunk as Buffer).length;
    if (bytes > MAX_FIELD_BYTES) throw new AppError("too_large", `The field "${name}" is too long (more than ${MAX_FIELD_BYTES / 1024} KiB).`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
