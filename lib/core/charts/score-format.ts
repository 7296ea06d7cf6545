/** How ratios are shown: percentages ("97.8%") or 0–1 scores ("0.978"). */
export type ScoreMode = "percent" | "score";

/**
 * Formats a ratio in [0, 1] for the UI in the chosen mode; undefined (null,
 * NaN) is "—", never 0. Percent keeps one decimal, scores three.
 */
export function formatScore(value: number | null | undefined, mode: ScoreMode = "percent"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return mode === "percent" ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

/** A signed difference of two ratios: "+1.2 pt" (percentage points) or "+0.012". */
export function formatDelta(value: number | null | undefined, mode: ScoreMode = "percent"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  return mode === "percent" ? `${sign}${Math.abs(value * 100).toFixed(1)} pt` : `${sign}${Math.abs(value).toFixed(3)}`;
}

/** A chart's value axis in the chosen mode: 0–100 with "%" or 0–1 without a unit. */
export function scoreAxis(mode: ScoreMode): { max: number; unit: string } {
  return mode === "percent" ? { max: 100, unit: "%" } : { max: 1, unit: "" };
}

/**
 * A ratio as a chart value on {@link scoreAxis}'s scale (percent to 2
 * decimals, or 0–1 to 4), or null when undefined: drawn as "n/a", never 0.
 */
export function chartScore(value: number | null | undefined, mode: ScoreMode = "percent"): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return mode === "percent" ? Math.round(value * 10000) / 100 : Math.round(value * 10000) / 10000;
}

/** A ratio as chart text in the chosen mode ("97.8%" or "0.978"), "n/a" when undefined. */
export function chartScoreLabel(value: number | null | undefined, mode: ScoreMode = "percent"): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "n/a" : formatScore(value, mode);
}

/** "1 model", "2 models", "0 images": a count with its noun in the right number (`plural` for irregular nouns). */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : pluralNoun}`;
}
