import type { z } from "zod";

/**
 * GETs one of the app's route handlers and parses the JSON with its DTO
 * schema, so a changed server shape fails here, loudly, instead of rendering
 * undefined. A non-2xx status throws `failure(status)`'s message.
 */
export async function fetchDto<S extends z.ZodType>(
  url: string,
  dto: S,
  { init, failure = (status) => `HTTP ${status}` }: { init?: RequestInit; failure?: (status: number) => string } = {},
): Promise<z.infer<S>> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(failure(res.status));
  return dto.parse(await res.json());
}
