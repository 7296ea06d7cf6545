import "server-only";
import { statSync } from "node:fs";
import { Readable } from "node:stream";
import { AppError } from "@/lib/core/errors";
import { immutableResponse } from "@/lib/server/transport/immutable-response";
import { getBlobStore, type BlobStore } from "./blob-store";

export interface BlobResponseOptions {
  /** MIME type sent as Content-Type, e.g. "image/png". */
  contentType: string;
  /** Offered as the download name (Content-Disposition: inline). */
  fileName?: string;
  /** The incoming request; its If-None-Match turns the answer into a 304. */
  request?: Request;
  /** Store to read from; the default store when omitted. */
  store?: BlobStore;
}

/**
 * A streamed HTTP response for a stored blob, for route handlers. Blobs never
 * change, so the sha256 is a strong ETag and the response is cacheable for a
 * year; a matching If-None-Match gets 304 with no body. Throws
 * AppError("invalid_input") for a malformed id and AppError("not_found")
 * when the blob is absent.
 */
export function blobResponse(sha256: string, options: BlobResponseOptions): Response {
  const store = options.store ?? getBlobStore();
  const file = store.getBlobPath(sha256);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AppError("not_found", `Blob ${sha256}: not found.`);
  }
  return immutableResponse({
    etag: `"${sha256}"`,
    request: options.request,
    contentType: options.contentType,
    contentLength: size,
    fileName: options.fileName,
    body: () => Readable.toWeb(store.openBlobStream(sha256)) as ReadableStream<Uint8Array>,
  });
}
