import { AppError } from "@/lib/core/errors";
import { errorResponse } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** Any path under /api/v1 that no route serves: the API's JSON error (404), not the web app's HTML page. */
async function notFound(req: Request, ctx: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await ctx.params;
  return errorResponse(new AppError("not_found", `There is no API route ${req.method} /api/v1/${path.map(encodeURIComponent).join("/")}.`));
}

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
