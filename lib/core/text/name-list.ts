/** How many names a message lists before it says "and N more". */
export const LISTED_NAMES = 10;

/** "a, b, c" or "a, b, … j and 5 more": keeps a message that names files or samples on one readable line. */
export function formatNameList(names: readonly string[], limit = LISTED_NAMES): string {
  if (names.length <= limit) return names.join(", ");
  return `${names.slice(0, limit).join(", ")} and ${names.length - limit} more`;
}
