import { controlCharacterIn, quoted } from "@/lib/core/text/control-characters";

/** Longest tag, in characters. */
export const MAX_TAG_LENGTH = 64;

/**
 * The one rule for a sample tag (already trimmed), shared by the tag editor,
 * the import sidecars (tags.json / tags.csv) and the REST API: 1..64
 * characters, no ";" (it separates tags in the per-image CSV's `tags`
 * column) and no control characters. Returns why `tag` is refused, naming
 * it, or null when it is fine.
 */
export function tagProblem(tag: string): string | null {
  if (tag.length === 0) return "a tag must not be empty";
  if (tag.length > MAX_TAG_LENGTH) return `tag ${quoted(tag.slice(0, 20) + "…")} is longer than ${MAX_TAG_LENGTH} characters`;
  if (tag.includes(";")) return `tag ${quoted(tag)} contains ";", which separates tags in the results CSV; use another character (e.g. "-")`;
  const control = controlCharacterIn(tag);
  if (control) return `tag ${quoted(tag)} contains ${control}; tags must be printable text`;
  return null;
}
