import "server-only";
import { AppError } from "@/lib/core/errors";

/**
 * Refuses a multipart text field a route does not read, naming it (and the
 * field it probably meant when only the case differs), so that a misspelt
 * option (`Mode`, `trainedon`) is never dropped and its default silently
 * used. `fileField` is the file part's name, listed in the message.
 */
export function refuseUnknownFields(fields: Record<string, string>, known: readonly string[], fileField: string): void {
  for (const name of Object.keys(fields)) {
    if (known.includes(name)) continue;
    const meant = known.find((k) => k.toLowerCase() === name.toLowerCase());
    const hint = meant ? `did you mean "${meant}"?` : `the fields are ${fileField}, ${known.join(", ")}.`;
    throw new AppError("invalid_input", `Unknown field "${name.slice(0, 80)}": ${hint}`, { fieldErrors: { [meant ?? name.slice(0, 80)]: [`Unknown field "${name.slice(0, 80)}".`] } });
  }
}

/** The refusal of a text field sent twice (busboy keeps both; the route would silently use one). */
export function repeatedFieldError(name: string): AppError {
  return new AppError("invalid_input", `The field "${name.slice(0, 80)}" is sent more than once; send it once.`);
}
