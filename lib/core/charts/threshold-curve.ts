export interface ThresholdPoint { t: number; correct: number; total: number }

export interface ThresholdCurvePoint {
  t: number;
  /** Share correct in percent, or null when there is no (image, class) pair (drawn as a gap, never 0). */
  share: number | null;
  label: string;
}

/** Prepares the "share correct at IoU >= t" curve: ascending t, percent shares, "n/a" where undefined. */
export function toThresholdCurve(points: readonly ThresholdPoint[]): ThresholdCurvePoint[] {
  return [...points]
    .sort((a, b) => a.t - b.t)
    .map((p) => {
      const share = p.total > 0 ? Math.round((10000 * p.correct) / p.total) / 100 : null;
      return { t: p.t, share, label: share === null ? "n/a" : `${share.toFixed(1)}%` };
    });
}

/** Clamps and rounds a threshold typed or slid by the user to 0.05..0.95 in steps of 0.01; null for text that is no number. */
export function parseThreshold(raw: string | number): number | null {
  const v = typeof raw === "number" ? raw : Number(String(raw).replace(",", "."));
  if (!Number.isFinite(v) || (typeof raw === "string" && raw.trim() === "")) return null;
  return Math.min(0.95, Math.max(0.05, Math.round(v * 100) / 100));
}
