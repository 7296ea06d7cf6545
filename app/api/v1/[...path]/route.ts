import { AppError } from "@/lib/core/errors";
import { errorResponse } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** Any path under /api/v1 that no route serves: the API's JSON error (404), not the web app's HTML page. */
async function notFound(req: Request): Promise<Response> {
  return errorResponse(new AppError("not_found", `There is no API route ${req.method} ${new URL(req.url).pathname}.`));
}

export { notFound as DELETE, notFound as GET, notFound as PATCH, notFound as POST, notFound as PUT };
