import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeSync, type ReadStream } from "node:fs";
import { mkdir, open, readFile, rename, stat, unlink, utimes } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/core/errors";
import { getEnv } from "../env";

/** Bytes to store: a buffer, a web stream, or any async iterable of chunks (a Node Readable). */
export type BlobSource = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface PutBlobOptions {
  /** Refuse (AppError "too_large") sources longer than this many bytes. */
  maxBytes?: number;
  /** Used in error messages, e.g. the uploaded file's name. */
  label?: string;
}

export interface PutBlobResult {
  /** Lower-case hex sha256 of the content: the blob's id. */
  sha256: string;
  /** Bytes. */
  size: number;
  /** False when the blob was already stored (nothing was rewritten). */
  created: boolean;
}

/** A content-addressed store of immutable files, each named by its sha256. */
export interface BlobStore {
  readonly root: string;
  putBlob(source: BlobSource, options?: PutBlobOptions): Promise<PutBlobResult>;
  getBlobPath(sha256: string): string;
  openBlobStream(sha256: string): ReadStream;
  readBlob(sha256: string): Promise<Buffer>;
  /**
   * putBlob for bytes with blocking calls: the same files, fsyncs and
   * result, for about a third of the CPU (each async call is a hop through
   * libuv's thread pool). For small blobs written one after another on a hot
   * path (the evaluation engine's predictions); it blocks the thread for the
   * write and its fsyncs.
   */
  putBlobSync(bytes: Uint8Array, options?: PutBlobOptions): PutBlobResult;
  /** readBlob with one blocking read (a quarter of the CPU of fs.promises.readFile), for the same hot paths. */
  readBlobSync(sha256: string): Buffer;
  hasBlob(sha256: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True for a lower-case 64-digit hex string, the only blob id the store accepts. */
export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** Throws AppError("invalid_input") unless `value` is a blob id; keeps ids out of path tricks. */
export function assertSha256(value: string): void {
  if (!isSha256(value)) {
    throw new AppError("invalid_input", `Blob id "${value.slice(0, 80)}": not a lower-case sha256 hex digest.`);
  }
}

async function* chunksOf(source: Exclude<BlobSource, Uint8Array>): AsyncGenerator<Uint8Array> {
  if ("getReader" in source && typeof source.getReader === "function") {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* source as AsyncIterable<Uint8Array>;
}

/**
 * True when the blob is present; its mtime is refreshed so that the debris
 * sweep (sweep.ts), which spares young files, does not delete a blob that a
 * writer is about to refer to again.
 */
async function touchExisting(file: string): Promise<boolean> {
  const now = new Date();
  try {
    await utimes(file, now, now);
    return true;
  } catch {
    return false;
  }
}

async function fileExists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** fsyncs a folder so that a rename into it survives a power cut; best effort. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // some file systems refuse fsync on folders; the rename is still atomic
  }
}

/** syncDir with blocking calls. */
function syncDirSync(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // as syncDir
  }
}

/** touchExisting with a blocking call. */
function touchExistingSync(file: string): boolean {
  const now = new Date();
  try {
    utimesSync(file, now, now);
    return true;
  } catch {
    return false;
  }
}

/**
 * A blob store under `root`: blob `abcd…` lives at `root/ab/cd/abcd…`.
 * Writes go to a temporary file on the same file system, are fsynced, then
 * renamed into place, so a reader never sees a partial blob. Storing bytes
 * that are already present rewrites nothing.
 */
export function createBlobStore(root: string): BlobStore {
  const absRoot = path.resolve(root);
  const tmpDir = path.join(absRoot, "tmp");

  const getBlobPath = (sha256: string): string => {
    assertSha256(sha256);
    return path.join(absRoot, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  const tooLarge = (options: PutBlobOptions) =>
    new AppError("too_large", `${options.label ?? "Upload"}: larger than ${options.maxBytes} bytes.`);

  /** Moves a finished temp file into place, or drops it when the blob exists already. */
  const commit = async (tmpFile: string, sha256: string, size: number): Promise<PutBlobResult> => {
    const target = getBlobPath(sha256);
    if (await touchExisting(target)) {
      await unlink(tmpFile);
      return { sha256, size, created: false };
    }
    await mkdir(path.dirname(target), { recursive: true });
    await rename(tmpFile, target);
    await syncDir(path.dirname(target));
    return { sha256, size, created: true };
  };

  /** Bytes checked against the size limit, their id and where they go (putBytes and putBytesSync). */
  const placeBytes = (bytes: Uint8Array, options: PutBlobOptions): { sha256: string; target: string } => {
    if (options.maxBytes !== undefined && bytes.byteLength > options.maxBytes) throw tooLarge(options);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    return { sha256, target: getBlobPath(sha256) };
  };

  const putBytes = async (bytes: Uint8Array, options: PutBlobOptions): Promise<PutBlobResult> => {
    const { sha256, target } = placeBytes(bytes, options);
    if (await touchExisting(target)) return { sha256, size: bytes.byteLength, created: false };
    await mkdir(path.dirname(target), { recursive: true });
    const tmpFile = path.join(path.dirname(target), `.tmp-${process.pid}-${randomUUID()}`);
    try {
      const handle = await open(tmpFile, "wx");
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return await commit(tmpFile, sha256, bytes.byteLength);
    } catch (error) {
      await unlink(tmpFile).catch(() => {});
      throw error;
    }
  };

  const putBytesSync = (bytes: Uint8Array, options: PutBlobOptions): PutBlobResult => {
    const { sha256, target } = placeBytes(bytes, options);
    if (touchExistingSync(target)) return { sha256, size: bytes.byteLength, created: false };
    const dir = path.dirname(target);
    mkdirSync(dir, { recursive: true });
    const tmpFile = path.join(dir, `.tmp-${process.pid}-${randomUUID()}`);
    try {
      const fd = openSync(tmpFile, "wx");
      try {
        for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmpFile, target);
    } catch (error) {
      try {
        unlinkSync(tmpFile);
      } catch {
        // never created, or already renamed
      }
      throw error;
    }
    syncDirSync(dir);
    return { sha256, size: bytes.byteLength, created: true };
  };

  const notFound = (sha256: string, error: unknown): never => {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new AppError("not_found", `Blob ${sha256}: not found.`);
    throw error;
  };

  const putStream = async (source: Exclude<BlobSource, Uint8Array>, options: PutBlobOptions): Promise<PutBlobResult> => {
    await mkdir(tmpDir, { recursive: true });
    const tmpFile = path.join(tmpDir, `.tmp-${process.pid}-${randomUUID()}`);
    const hash = createHash("sha256");
    let size = 0;
    try {
      const handle = await open(tmpFile, "wx");
      try {
        for await (const chunk of chunksOf(source)) {
          size += chunk.byteLength;
          if (options.maxBytes !== undefined && size > options.maxBytes) throw tooLarge(options);
          hash.update(chunk);
          await handle.write(chunk);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      return await commit(tmpFile, hash.digest("hex"), size);
    } catch (error) {
      await unlink(tmpFile).catch(() => {});
      throw error;
    }
  };

  return {
    root: absRoot,
    getBlobPath,
    putBlob: (source, options = {}) =>
      source instanceof Uint8Array ? putBytes(source, options) : putStream(source, options),
    openBlobStream(sha256) {
      const file = getBlobPath(sha256);
      try {
        statSync(file);
      } catch {
        throw new AppError("not_found", `Blob ${sha256}: not found.`);
      }
      return createReadStream(file);
    },
    async readBlob(sha256) {
      try {
        return await readFile(getBlobPath(sha256));
      } catch (error) {
        return notFound(sha256, error);
      }
    },
    putBlobSync: (bytes, options = {}) => putBytesSync(bytes, options),
    readBlobSync(sha256) {
      try {
        return readFileSync(getBlobPath(sha256));
      } catch (error) {
        return notFound(sha256, error);
      }
    },
    hasBlob: async (sha256) => fileExists(getBlobPath(sha256)),
  };
}

let defaultStore: BlobStore | undefined;

/** The process's store at `DATA_DIR/blobs`. */
export function getBlobStore(): BlobStore {
  defaultStore ??= createBlobStore(path.join(getEnv().DATA_DIR, "blobs"));
  return defaultStore;
}

/** Stores bytes or a stream in the default store; returns its sha256 and size. See {@link createBlobStore}. */
export function putBlob(source: BlobSource, options?: PutBlobOptions): Promise<PutBlobResult> {
  return getBlobStore().putBlob(source, options);
}

/** Absolute path of a blob in the default store (it may not exist). Throws on a malformed id. */
export function getBlobPath(sha256: string): string {
  return getBlobStore().getBlobPath(sha256);
}

/** A Node read stream of a stored blob; AppError("not_found") when absent. */
export function openBlobStream(sha256: string): ReadStream {
  return getBlobStore().openBlobStream(sha256);
}

/** A stored blob's bytes; AppError("not_found") when absent. */
export function readBlob(sha256: string): Promise<Buffer> {
  return getBlobStore().readBlob(sha256);
}

/** See BlobStore.putBlobSync (default store). */
export function putBlobSync(bytes: Uint8Array, options?: PutBlobOptions): PutBlobResult {
  return getBlobStore().putBlobSync(bytes, options);
}

/** See BlobStore.readBlobSync (default store). */
export function readBlobSync(sha256: string): Buffer {
  return getBlobStore().readBlobSync(sha256);
}

/** Whether the default store holds the blob. Throws on a malformed id. */
export function hasBlob(sha256: string): Promise<boolean> {
  return getBlobStore().hasBlob(sha256);
}
