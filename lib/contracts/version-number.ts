/** Largest version number a path may name: the database stores version numbers as 32-bit integers. */
export const MAX_VERSION_NUMBER = 2_147_483_647;

/**
 * A version number from a URL segment ("3"), or null when it is not one:
 * digits only, 1 to MAX_VERSION_NUMBER (a longer number would overflow the
 * database's integer; such a path is simply not found).
 */
export function parseVersionNumber(raw: string): number | null {
  if (!/^[0-9]{1,10}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= MAX_VERSION_NUMBER ? n : null;
}
