import "server-only";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/lib/core/errors";
import { checkPixelLimit, hasPngSignature, readPngHeader } from "@/lib/core/masks";
import { formatBytes, type ImportLimits } from "./limits";


/**
 * Refuses a PNG whose IHDR announces more pixels than the limit, from its
 * first 33 bytes (before anything inflates). A file that is not a valid PNG
 * passes: validation reports it later as unreadable.
 */
export function checkPngHead(head: Uint8Array, file: string, maxPixels: number): void {
  if (head.length < 33 || !hasPngSignature(head)) return;
  let header;
  try {
    header = readPngHeader(head, file);
  } catch {
    return;
  }
  checkPixelLimit(header, file, maxPixels);
}

/**
 * Writes archive entries below one staging folder while counting entries and
 * bytes against the limits as the bytes stream (sizes in headers are not
 * trusted). Files are created exclusively, so an entry named twice is an error.
 */
export class StagingWriter {
  entries = 0;
  bytes = 0;
  readonly files: string[] = [];

  constructor(
    readonly dir: string,
    readonly limits: ImportLimits,
    readonly source: string,
  ) {}

  /** Counts one entry (file, folder or refused link) against the entry limit. */
  countEntry(): void {
    this.entries++;
    if (this.entries > this.limits.entries) {
      throw new AppError("too_large", `${this.source}: more than ${this.limits.entries} entries; the limit is ${this.limits.entries} (IMPORT_MAX_ENTRIES).`);
    }
  }

  private target(rel: string): string {
    const full = path.resolve(this.dir, rel);
    if (!full.startsWith(this.dir + path.sep)) throw new AppError("invalid_input", `${this.source}: entry "${rel}" resolves outside the staging folder; refused.`);
    return full;
  }

  async makeDir(rel: string): Promise<void> {
    await mkdir(this.target(rel), { recursive: true });
  }

  /** Refuses an entry whose declared size alone already breaks a limit (cheap early exit; the stream is counted too). */
  checkDeclaredSize(rel: string, size: number): void {
    if (size > this.limits.entryBytes) {
      throw new AppError("too_large", `${this.source}: ${rel} is ${formatBytes(size)}, more than ${formatBytes(this.limits.entryBytes)} allowed for one file (IMPORT_MAX_ENTRY_BYTES).`);
    }
  }

  /**
   * Streams one file to the staging folder, enforcing per-file, total and
   * PNG pixel limits on the way, and, given `declaredBytes` (a zip entry's
   * header), that the data holds exactly that many bytes: more or fewer is a
   * damaged archive (checked here, in the pipeline, rather than by yauzl,
   * whose own check could throw outside any handler).
   */
  async writeFile(rel: string, stream: Readable, declaredBytes?: number): Promise<void> {
    const full = this.target(rel);
    await mkdir(path.dirname(full), { recursive: true });
    const label = `${this.source}: ${rel}`;
    let entryBytes = 0;
    let head: Buffer | null = Buffer.alloc(0);
    const limits = this.limits;
    const counter = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        entryBytes += chunk.length;
        this.bytes += chunk.length;
        if (declaredBytes !== undefined && entryBytes > declaredBytes) {
          return done(new AppError("invalid_input", `${label}: the archive is damaged (the entry holds more than the ${declaredBytes} bytes its header declares).`));
        }
        if (entryBytes > limits.entryBytes) {
          return done(new AppError("too_large", `${label}: more than ${formatBytes(limits.entryBytes)} allowed for one file (IMPORT_MAX_ENTRY_BYTES).`));
        }
        if (this.bytes > limits.extractedBytes) {
          return done(new AppError("too_large", `${label}: the archive unpacks to more than ${formatBytes(limits.extractedBytes)} (IMPORT_MAX_EXTRACTED_BYTES).`));
        }
        if (head !== null) {
          head = Buffer.concat([head, chunk.subarray(0, 33 - head.length)]);
          if (head.length >= 33) {
            try {
              checkPngHead(head, label, limits.imagePixels);
            } catch (error) {
              return done(error as Error);
            }
            head = null;
          }
        }
        done(null, chunk);
      },
      flush: (done) => {
        if (declaredBytes !== undefined && entryBytes < declaredBytes) {
          return done(new AppError("invalid_input", `${label}: the archive is damaged (the entry holds ${entryBytes} of the ${declaredBytes} bytes its header declares).`));
        }
        done();
      },
    });
    try {
      await pipeline(stream, counter, createWriteStream(full, { flags: "wx" }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new AppError("invalid_input", `${label}: the archive holds this file twice.`);
      throw error;
    }
    this.files.push(rel);
  }
}
