import "server-only";
import { NextResponse } from "next/server";
import { AppError, fieldErrorLines, httpStatusOf, toErrorDto } from "@/lib/core/errors";
import { resolveApiToken } from "@/lib/server/auth/api-tokens";
import { requireUser } from "@/lib/server/auth/guard";
import { getHttpEnv } from "@/lib/server/env";
import { refuseRequest } from "./request-guard";
import type { ActionUser } from "./action";

type RouteContext<P> = { params: Promise<P> };

/**
 * The caller of a route: `Authorization: Bearer <personal API token>` when
 * the header is there (a missing, unknown or revoked token is 401, the
 * cookie is not consulted), else the browser's session cookie.
 */
export async function resolveRouteUser(req: Request): Promise<ActionUser> {
  const authorization = req.headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const user = match ? await resolveApiToken(match[1]) : null;
    if (!user) throw new AppError("unauthenticated", "The API token is missing, invalid or revoked (send Authorization: Bearer isk_…).");
    return user;
  }
  return requireUser();
}

/**
 * The JSON error answer every route gives: `{error: {code, message}}`,
 * status from the code; a 422 also lists `problems: [{problem}]`, one per
 * invalid field ("field: message").
 */
export function errorResponse(error: unknown): Response {
  if (!(error instanceof AppError)) console.error("[route]", error);
  const dto = toErrorDto(error);
  const headers = dto.code === "unauthenticated" ? { "WWW-Authenticate": 'Bearer realm="intersect"' } : undefined;
  const body: Record<string, unknown> = { error: dto };
  if (dto.code === "invalid_input") {
    const problems = fieldErrorLines(dto.fieldErrors ?? {}).map((problem) => ({ problem }));
    body.problems = problems.length ? problems : [{ problem: dto.message }];
  }
  return NextResponse.json(body, { status: httpStatusOf(dto.code), headers });
}

/**
 * Wraps a route handler: refuses cross-site mutating requests as the proxy
 * does (the upload routes bypass the proxy), resolves the caller (API token or session, see
 * resolveRouteUser), maps AppError codes to HTTP statuses (other owners' ids
 * are 404 like missing ones) and never leaks a raw error message.
 */
export function authedRoute<P>(
  handler: (req: Request, ctx: { params: P; user: ActionUser }) => Promise<Response>,
): (req: Request, ctx: RouteContext<P>) => Promise<Response> {
  return async (req, ctx) => {
    try {
      const refused = refuseRequest(req, getHttpEnv());
      if (refused) return refused;
      const user = await resolveRouteUser(req);
      return await handler(req, { params: await ctx.params, user });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
