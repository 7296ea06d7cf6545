import { statSync } from "node:fs";
import { Readable } from "node:stream";
import { AppError } from "@/lib/core/errors";
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

/** True when an If-None-Match header value names this ETag (or is `*`). */
function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === etag || tag === "*");
}

/** `inline; filename="…"` with an ASCII fallback and the RFC 5987 UTF-8 form. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
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
  const etag = `"${sha256}"`;
  const headers = new Headers({
    ETag: etag,
    "Cache-Control": "private, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
  });
  if (matchesEtag(options.request?.headers.get("if-none-match") ?? null, etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Type", options.contentType);
  headers.set("Content-Length", String(size));
  if (options.fileName) headers.set("Content-Disposition", contentDisposition(options.fileName));
  const body = Readable.toWeb(store.openBlobStream(sha256)) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers });
}
