import type { z } from "zod";

/** The `error.message` of a route's JSON error body (`{error: {code, message}}`), or undefined. */
export function errorMessageOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return undefined;
  const message = (error as { message?: unknown }).message;
  return typeof message === "string" && message.trim() !== "" ? message : undefined;
}

/** The field names of an error body's `error.fieldErrors` (e.g. ["file", "classes"]); none when it has none. */
export function fieldErrorKeysOf(body: unknown): string[] {
  if (typeof body !== "object" || body === null) return [];
  const error = (body as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return [];
  const fields = (error as { fieldErrors?: unknown }).fieldErrors;
  return typeof fields === "object" && fields !== null ? Object.keys(fields) : [];
}

/**
 * GETs one of the app's route handlers and parses the JSON with its DTO
 * schema, so a changed server shape fails here, loudly, instead of rendering
 * undefined. A non-2xx status throws `failure(status, message)`'s message,
 * where `message` is the server's own error message when the body has one.
 */
export async function fetchDto<S extends z.ZodType>(
  url: string,
  dto: S,
  { init, failure = (status) => `HTTP ${status}` }: { init?: RequestInit; failure?: (status: number, message: string | undefined) => string } = {},
): Promise<z.infer<S>> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(failure(res.status, errorMessageOf(await res.json().catch(() => null))));
  return dto.parse(await res.json());
}
