import { z } from "zod";
import { controlCharacterIn } from "@/lib/core/text/control-characters";

/**
 * Only invisible characters (spaces, format characters, combining marks,
 * default-ignorable fillers such as U+3164, the blank Braille pattern): a
 * name nobody could read or pick from a list.
 */
const INVISIBLE_ONLY = /^[\p{Z}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}\s\u2800]*$/u;

/** Half of a UTF-16 surrogate pair without its other half: not a character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a (trimmed, non-empty) name cannot be shown as it is: a control character or nothing visible; null when fine. */
export function nameProblem(name: string): string | null {
  const control = controlCharacterIn(name);
  if (control) return `The name contains ${control}; use plain text.`;
  if (LONE_SURROGATE.test(name)) return "The name contains a broken character (a lone UTF-16 surrogate).";
  return INVISIBLE_ONLY.test(name) ? "The name has no visible character." : null;
}

/** The zod refinement of {@link nameProblem}, its message after `prefix` (e.g. "--app: "); an empty name passes (min() decides). */
export function refineName(prefix = "") {
  return (name: string, ctx: z.RefinementCtx) => {
    const problem = name === "" ? null : nameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: `${prefix}${problem}` });
  };
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
    .superRefine(refineName());
}

/** A description: trimmed, at most 1000 characters; line breaks and tabs are kept, other control characters refused. */
export const descriptionSchema = z
  .string()
  .trim()
  .max(1000, "At most 1000 characters.")
  .refine((text) => controlCharacterIn(text.replace(/[\n\r\t]/g, "")) === null, "The description contains a control character; use plain text.");

/** Longest name of each kind (characters after trimming): one limit for the web forms, REST v1 and the admin CLI. */
export const NAME_MAX_LENGTH = { app: 120, model: 120, dataset: 100, token: 100, evaluation: 120 } as const;

/** Input of "create an app", shared by the web form's action and POST /api/v1/apps. */
export const createAppSchema = z.strictObject({
  name: displayNameSchema("app", NAME_MAX_LENGTH.app),
  description: descriptionSchema.optional(),
});
export type CreateAppInput = z.infer<typeof createAppSchema>;

/** Input of "create a model" in an app: the web action (with appId) and POST /api/v1/apps/{appId}/models. */
export const createModelSchema = z.strictObject({
  name: displayNameSchema("model", NAME_MAX_LENGTH.model),
  description: descriptionSchema.optional(),
});

/** Input of "create a dataset" in an app: the web action (with appId) and POST /api/v1/apps/{appId}/datasets. */
export const createDatasetSchema = z.strictObject({
  name: displayNameSchema("dataset", NAME_MAX_LENGTH.dataset),
  description: descriptionSchema.optional(),
});
