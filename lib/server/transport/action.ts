import "server-only";
import { z } from "zod";
import { AppError, fieldErrorLines, fieldErrorsFromIssues, toErrorDto, type ErrorDto } from "@/lib/core/errors";
import { requireUser } from "@/lib/server/auth/guard";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorDto };

export interface ActionUser {
  id: string;
  email: string;
  name: string | null;
}

/**
 * Wraps a server action: resolves the signed-in user, parses the input with
 * zod, runs the handler and returns `{ok, data}` or `{ok: false, error}`.
 * Input that does not fit is invalid_input with `fieldErrors` keyed by the
 * field's dotted path ("config.url") and a message naming each field.
 * Unknown errors are logged and become a generic message.
 */
export function authedAction<S extends z.ZodType, T>(
  schema: S,
  handler: (input: z.infer<S>, user: ActionUser) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const user = await requireUser();
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        // Keyed by the full path ("config.url"), and named in the message, like the REST API's problems.
        const fieldErrors = fieldErrorsFromIssues(parsed.error.issues, "input");
        throw new AppError("invalid_input", `Some fields are not valid: ${fieldErrorLines(fieldErrors).join("; ")}`, { fieldErrors });
      }
      return { ok: true, data: await handler(parsed.data, user) };
    } catch (error) {
      if (!(error instanceof AppError)) console.error("[action]", error);
      return { ok: false, error: toErrorDto(error) };
    }
  };
}
