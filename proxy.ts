import type { NextRequest } from "next/server";
import { getHttpEnv } from "@/lib/server/env";
import { guardRequest } from "@/lib/server/transport/request-guard";

/**
 * Next 16's request proxy (the former middleware), run before every page,
 * server action and route handler: refuses cross-site mutating requests
 * (403) and oversized server-action bodies (413), drops X-Forwarded-*
 * headers unless TRUSTED_PROXY is set, and tells the page guard which path
 * was asked for. The rules live in lib/server/transport/request-guard.ts.
 */
export function proxy(request: NextRequest) {
  return guardRequest(request, getHttpEnv());
}

export const config = {
  // Everything but build assets and the upload routes: pages, actions (POSTs to pages) and the other /api routes.
  // Next buffers in memory the body of every request its proxy sees, and past experimental.proxyClientMaxBodySize
  // (10 MB) hands the route a truncated body: archives and models stream to disk instead, through routes that run
  // the same cross-site check themselves (authedRoute) and read no forwarded header.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/v1/(?:datasets|models)/[A-Za-z0-9_-]+/(?:uploads|versions|inspect-onnx)/?$).*)"],
};
