import "server-only";
import { NextResponse } from "next/server";
import { AppError, httpStatusOf, toErrorDto } from "@/lib/core/errors";
import { requireUser } from "@/lib/server/auth/guard";
import type { ActionUser } from "./action";

type RouteContext<P> = { params: Promise<P> };

/**
 * Wraps a route handler: resolves the signed-in user, maps AppError codes to
 * HTTP statuses (other owners' ids are 404 like missing ones) and never leaks
 * a raw error message.
 */
export function authedRoute<P>(
  handler: (req: Request, ctx: { params: P; user: ActionUser }) => Promise<Response>,
): (req: Request, ctx: RouteContext<P>) => Promise<Response> {
  return async (req, ctx) => {
    try {
      const user = await requireUser();
      return await handler(req, { params: await ctx.params, user });
    } catch (error) {
      if (!(error instanceof AppError)) console.error("[route]", error);
      const dto = toErrorDto(error);
      return NextResponse.json({ error: dto }, { status: httpStatusOf(dto.code) });
    }
  };
}
