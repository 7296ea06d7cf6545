import "server-only";
/**
 * Dataset and model versions are numbered 1, 2, 3, … per parent; "latest"
 * is the highest number. These are the only definitions of both rules.
 */

/** Newest-first order of versions. */
export const newestFirst = { number: "desc" } as const;

/** Nested `versions` arguments that keep only the latest version. */
export const latestVersionOnly = { orderBy: newestFirst, take: 1 } as const;

/** The latest of versions listed newest first, or null when there is none. */
export function latestVersion<T>(newestFirstVersions: readonly T[]): T | null {
  return newestFirstVersions[0] ?? null;
}

/** The number the next version gets after `latest` (1 for the first). */
export function nextVersionNumber(latest: { number: number } | null): number {
  return (latest?.number ?? 0) + 1;
}
