import { z } from "zod";
import { controlCharacterIn } from "@/lib/core/text/control-characters";

/** Only invisible characters (spaces, zero-width and other format characters): a name nobody could read or pick. */
const INVISIBLE_ONLY = /^[\p{Z}\p{Cf}\s]*$/u;

/** Why a (trimmed, non-empty) name cannot be shown as it is: a control character or nothing visible; null when fine. */
export function nameProblem(name: string): string | null {
  const control = controlCharacterIn(name);
  if (control) return `The name contains ${control}; use plain text.`;
  return INVISIBLE_ONLY.test(name) ? "The name has no visible character." : null;
}

/**
 * A name shown in lists, dropdowns and the admin CLI's output (app, model,
 * dataset): trimmed, 1 to `max` characters, with no control character (a
 * line break, NUL or terminal escape would break lists and terminals) and at
 * least one visible character.
 */
export function displayNameSchema(what: string, max: number) {
  return z
    .string()
    .trim()
    .min(1, `Give the ${what} a name.`)
    .max(max, `At most ${max} characters.`)
    .superRefine((name, ctx) => {
      const problem = nameProblem(name);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

/** A description: trimmed, at most 1000 characters; line breaks and tabs are kept, other control characters refused. */
export const descriptionSchema = z
  .string()
  .trim()
  .max(1000, "At most 1000 characters.")
  .refine((text) => controlCharacterIn(text.replace(/[\n\r\t]/g, "")) === null, "The description contains a control character; use plain text.");

/** Input of "create an app", shared by the web form's action and POST /api/v1/apps. */
export const createAppSchema = z.object({
  name: displayNameSchema("app", 120),
  description: descriptionSchema.optional(),
});
export type CreateAppInput = z.infer<typeof createAppSchema>;

/** Input of "create a model" in an app: the web action (with appId) and POST /api/v1/apps/{appId}/models. */
export const createModelSchema = z.object({
  name: displayNameSchema("model", 120),
  description: descriptionSchema.optional(),
});

/** Input of "create a dataset" in an app: the web action (with appId) and POST /api/v1/apps/{appId}/datasets. */
export const createDatasetSchema = z.object({
  name: displayNameSchema("dataset", 100),
  description: descriptionSchema.optional(),
});
