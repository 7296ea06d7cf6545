import "server-only";
/** Bytes that never change under their ETag: cacheable for a year. */
const IMMUTABLE_HEADERS = { "Cache-Control": "private, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff" } as const;

/** True when an If-None-Match header value names this ETag (or is `*`); weak tags match too. */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
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

export interface ImmutableResponseOptions {
  /** Strong ETag, quoted, e.g. `"<sha256>"`. */
  etag: string;
  /** The incoming request; its If-None-Match turns the answer into a 304. */
  request?: Request;
  contentType: string;
  contentLength: number;
  /** Offered as the download name (Content-Disposition: inline). */
  fileName?: string;
  /** The body, only built when the client does not have it yet. */
  body: () => BodyInit;
}

/**
 * The one HTTP answer for content that never changes under its ETag (blobs,
 * rendered mask views): a year of private caching, nosniff, and 304 with no
 * body when If-None-Match names the ETag.
 */
export function immutableResponse(options: ImmutableResponseOptions): Response {
  const headers = new Headers({ ETag: options.etag, ...IMMUTABLE_HEADERS });
  if (matchesEtag(options.request?.headers.get("if-none-match") ?? null, options.etag)) {
    return new Response(null, { status: 304, headers });
  }
  headers.set("Content-Type", options.contentType);
  headers.set("Content-Length", String(options.contentLength));
  if (options.fileName) headers.set("Content-Disposition", contentDisposition(options.fileName));
  return new Response(options.body(), { status: 200, headers });
}
