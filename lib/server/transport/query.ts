import "server-only";
import { z } from "zod";
import { AppError, fieldErrorsFromIssues, issueLines } from "@/lib/core/errors";

/**
 * Parses a route's query string with `schema`. A parameter given empty
 * (`?t=` or `?t=%20`) counts as not given, so its default applies, instead of
 * `z.coerce.number()` reading "" as 0. A value that does not fit is
 * AppError("invalid_input") naming the parameter (422, `problems: ["t: …"]`).
 */
export function parseQuery<S extends z.ZodType>(req: Request | URL, schema: S): z.infer<S> {
  const url = req instanceof URL ? req : new URL(req.url);
  const given = [...url.searchParams].filter(([, value]) => value.trim() !== "");
  const parsed = schema.safeParse(Object.fromEntries(given));
  if (!parsed.success) {
    throw new AppError("invalid_input", issueLines(parsed.error.issues).join("; "), { fieldErrors: fieldErrorsFromIssues(parsed.error.issues, "query") });
  }
  return parsed.data;
}
