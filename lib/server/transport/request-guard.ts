import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { ErrorCode } from "@/lib/core/errors";
import type { HttpEnv } from "@/lib/server/env";

/**
 * Largest server-action request body, in bytes. next.config.js sets
 * `experimental.serverActions.bodySizeLimit` to the same number (a test
 * checks that they agree); the proxy answers 413 above it.
 */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/** Request header carrying the path (and query) the browser asked for, set by the proxy for the page guard. */
export const REQUEST_PATH_HEADER = "x-intersect-path";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Client-settable proxy headers: dropped unless TRUSTED_PROXY, so Next refills them from the socket and Host. */
const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

const firstValue = (value: string | null) => value?.split(",")[0]?.trim().toLowerCase() || null;

function refusal(request: Request, status: number, code: ErrorCode, message: string): NextResponse {
  const wantsJson = new URL(request.url).pathname.startsWith("/api/") || (request.headers.get("accept") ?? "").includes("json");
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (wantsJson) return NextResponse.json({ error: { code, message } }, { status, headers });
  headers.set("Content-Type", "text/plain; charset=utf-8");
  return new NextResponse(message, { status, headers });
}

/** The origin a mutating request says it comes from: Origin, else Referer's origin; null when neither is usable. */
function claimedOrigin(headers: Headers): string | null {
  const origin = headers.get("origin");
  if (origin !== null) return origin === "null" || !URL.canParse(origin) ? null : new URL(origin).origin;
  const referer = headers.get("referer");
  return referer && URL.canParse(referer) ? new URL(referer).origin : null;
}

/**
 * Whether `origin` is the app's own: the configured PUBLIC_URL origin; when
 * PUBLIC_URL is not set, also any origin on the request's own Host (a
 * browser cannot forge Host, so a cross-site page never matches); when
 * TRUSTED_PROXY is set, also the origin the proxy forwarded
 * (X-Forwarded-Proto + X-Forwarded-Host). Forwarded headers are ignored otherwise.
 */
export function isOwnOrigin(origin: string, headers: Headers, env: HttpEnv): boolean {
  if (origin === env.PUBLIC_URL) return true;
  const { host, protocol } = new URL(origin);
  if (!env.PUBLIC_URL_CONFIGURED && host === headers.get("host")?.toLowerCase()) return true;
  if (env.TRUSTED_PROXY) {
    const forwardedHost = firstValue(headers.get("x-forwarded-host"));
    const forwardedProto = firstValue(headers.get("x-forwarded-proto"));
    if (forwardedHost && host === forwardedHost && (!forwardedProto || protocol === `${forwardedProto}:`)) return true;
  }
  return false;
}

/**
 * Why a request must be refused before it reaches a page, action or route,
 * as a response (403 cross-site, 413 oversized action, 411 streamed action
 * body), or null to let it
 * through. Safe methods always pass. A mutating request must come from the
 * app's own origin (Origin, else Referer); one carrying cookies with neither
 * is refused. A Bearer-token request without cookies passes (the REST API
 * authenticates it by token; a browser never sends one cross-site). The
 * proxy asks it for every request it sees; route handlers ask it again
 * (authedRoute), because the upload routes are kept out of the proxy.
 */
export function refuseRequest(request: Request, env: HttpEnv): NextResponse | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const headers = request.headers;
  const hasCookie = headers.has("cookie");
  if (!hasCookie && /^bearer\s+\S/i.test(headers.get("authorization") ?? "")) return null;
  const origin = claimedOrigin(headers);
  if (origin === null ? hasCookie : !isOwnOrigin(origin, headers, env)) {
    return refusal(request, 403, "cross_origin", "This request came from another site (its Origin is not this app's) and was refused.");
  }
  const declared = headers.get("content-length");
  // A streamed (chunked) action body has no length to check here, and Next's own limit would then answer 500;
  // the app's forms always send a length, so such a body is refused up front.
  if (headers.has("next-action") && declared === null && headers.has("transfer-encoding")) {
    return refusal(request, 411, "invalid_input", "Send the form data with a Content-Length; a streamed body is not accepted.");
  }
  const length = Number(declared ?? 0);
  if (headers.has("next-action") && length > SERVER_ACTION_BODY_LIMIT_BYTES) {
    const limit = `${Math.round(SERVER_ACTION_BODY_LIMIT_BYTES / 1024)} KiB`;
    // Answered before Next reads the body; Node then drains the unread body, so a keep-alive connection stays usable.
    return refusal(request, 413, "too_large", `The form data is larger than the ${limit} allowed.`);
  }
  return null;
}

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** The path and query the browser asked for, without Next's `_rsc` cache-busting parameter. */
export function pathAskedFor(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete("_rsc");
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ""}`;
}

/**
 * The proxy's whole job: answer 404 for a path with a broken %-escape,
 * refuse (see {@link refuseRequest}), else pass the
 * request on with untrusted X-Forwarded-* headers removed and
 * {@link REQUEST_PATH_HEADER} set (overwriting any client value).
 */
export function guardRequest(request: NextRequest, env: HttpEnv): NextResponse {
  // A path with a broken escape (`/evaluations/%ZZ`) names nothing; Next itself would fail on it with a bare 500.
  if (!decodable(request.nextUrl.pathname)) return refusal(request, 404, "not_found", "No such page: the address has a broken %-escape.");
  const refused = refuseRequest(request, env);
  if (refused) return refused;
  const headers = new Headers(request.headers);
  if (!env.TRUSTED_PROXY) for (const name of FORWARDED_HEADERS) headers.delete(name);
  headers.set(REQUEST_PATH_HEADER, pathAskedFor(request.nextUrl));
  return NextResponse.next({ request: { headers } });
}
