import "server-only";
import { z } from "zod";
import { AppError, fieldErrorsFromIssues } from "@/lib/core/errors";

/**
 * Reads a JSON request body and parses it with `schema` (the same schema the
 * web action uses). A body that is not JSON, or does not fit, is
 * AppError("invalid_input") with per-field messages (422 with `problems`).
 */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const raw: unknown = await req.json().catch(() => undefined);
  if (raw === undefined) throw new AppError("invalid_input", "Send a JSON body (Content-Type: application/json).");
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Some fields are not valid.", { fieldErrors: fieldErrorsFromIssues(parsed.error.issues, "body") });
  }
  return parsed.data;
}

/** A JSON answer that is never cached (API reads of changing state). */
export function jsonNoStore(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
