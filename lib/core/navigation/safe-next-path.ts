/**
 * Where to send the browser after sign-in, from an untrusted `next` value.
 *
 * Only a path on the app's own origin is accepted: the value is resolved with
 * the URL API against a placeholder origin (so `/\evil.example`, `/%09/evil`,
 * `//evil`, `https://evil`, `javascript:` and the like resolve elsewhere and
 * are refused) and must still be on that origin afterwards. Control
 * characters and backslashes are refused outright, because browsers and URL
 * parsers disagree on them. Anything refused gives `fallback` ("/").
 * Returns the normalised path + query + hash, itself checked: dot segments
 * can turn `/.//evil.example` into the protocol-relative `//evil.example`.
 */
export function safeNextPath(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || next.length === 0 || next.length > 2048) return fallback;
  if (!next.startsWith("/") || next.startsWith("//")) return fallback;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return fallback;
  }
  // eslint-disable-next-line no-control-regex
  if (decoded.startsWith("//") || /[\u0000-\u001f\u007f\\]/.test(decoded)) return fallback;
  const base = "http://intersect.invalid";
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  // Normalising can make a protocol-relative path of a harmless-looking one ("/.//evil", "/./%2Fevil"): the result
  // goes through every check again (normalising it once more changes nothing, so this ends).
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path === next ? path : safeNextPath(path, fallback);
}
