import "server-only";
import { z } from "zod";
import { AppError, fieldErrorsFromIssues } from "@/lib/core/errors";

/**
 * Reads a JSON request body and parses it with `schema` (the same schema the
 * web action uses). No body, a body that is not JSON (named as such, with
 * the parser's reason) or one that does not fit is AppError("invalid_input"),
 * the last with per-field messages (422 with `problems`).
 */
export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  const text = await req.text().catch(() => "");
  if (text.trim() === "") throw new AppError("invalid_input", "Send a JSON body (Content-Type: application/json).");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid_input", `The body is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
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
