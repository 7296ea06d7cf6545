/**
 * Never allowed in names, class names or tags: C0 and C1 control characters
 * and DEL (U+0000–U+001F, U+007F–U+009F: line breaks, NUL, terminal
 * escapes), the line and paragraph separators (U+2028, U+2029) and the bidi
 * embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069),
 * which make text display in another order than it is stored.
 */
const isControl = (code: number) =>
  code <= 0x1f || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

const NAMED: Record<number, string> = { 0x09: "a tab", 0x0a: "a line break", 0x0d: "a carriage return" };

/**
 * How the first control character in `text` reads in a message ("a line
 * break (U+000A)"), or null when there is none.
 */
export function controlCharacterIn(text: string): string | null {
  let code = -1;
  for (let i = 0; i < text.length && code < 0; i++) if (isControl(text.charCodeAt(i))) code = text.charCodeAt(i);
  if (code < 0) return null;
  return `${NAMED[code] ?? "a control character"} (U+${code.toString(16).toUpperCase().padStart(4, "0")})`;
}

/** Text in double quotes with control characters escaped (`"road\nside"`), so a message shows what was sent. */
export function quoted(text: string): string {
  return JSON.stringify(text);
}
