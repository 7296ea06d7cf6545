import "server-only";
import { z } from "zod";
import { AppError, toErrorDto, type ErrorDto } from "@/lib/core/errors";
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
        throw new AppError("invalid_input", "Some fields are not valid.", {
          fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
        });
      }
      return { ok: true, data: await handler(parsed.data, user) };
    } catch (error) {
      if (!(error instanceof AppError)) console.error("[action]", error);
      return { ok: false, error: toErrorDto(error) };
    }
  };
}
