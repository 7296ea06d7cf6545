/**
 * Formats a ratio in [0, 1] as a percentage with one decimal for the UI;
 * an undefined value (null, NaN) is "—", never 0.
 */
export function formatMetric(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${(value * 100).toFixed(digits)}%`;
}

/** Formats a pixel count with thousands separators. */
export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return Math.round(value).toLocaleString("en-US");
}

/**
 * A moment to the minute in UTC, labelled so ("2026-12-07 18:05 UTC"): pages
 * are rendered on the server, which does not know the reader's time zone.
 */
export function formatUtcMinute(when: Date | string): string {
  const iso = typeof when === "string" ? when : when.toISOString();
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}
