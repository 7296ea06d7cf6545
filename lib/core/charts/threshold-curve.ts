import { chartScore, chartScoreLabel, type ScoreMode } from "./score-format";

export interface ThresholdPoint { t: number; correct: number; total: number }

export interface ThresholdCurvePoint {
  t: number;
  /** Share correct on the chosen scale (scoreAxis: percent or 0–1), or null when there is no (image, class) pair (drawn as a gap, never 0). */
  share: number | null;
  label: string;
}

/** Prepares the "share correct at IoU >= t" curve: ascending t, shares in the score mode (percent by default), "n/a" where undefined. */
export function toThresholdCurve(points: readonly ThresholdPoint[], mode: ScoreMode = "percent"): ThresholdCurvePoint[] {
  return [...points]
    .sort((a, b) => a.t - b.t)
    .map((p) => {
      const ratio = p.total > 0 ? p.correct / p.total : null;
      return { t: p.t, share: chartScore(ratio, mode), label: chartScoreLabel(ratio, mode) };
    });
}

/**
 * The range of the threshold control: every IoU threshold an evaluation may
 * have (the evaluation settings' `iouThreshold` and the threshold endpoint's
 * `t` both accept 0..1), so the control can show the evaluation's own one.
 */
export const THRESHOLD_RANGE = { min: 0, max: 1, step: 0.01 } as const;

/** The threshold used when an evaluation has none (matches the evaluation settings' default). */
const FALLBACK_THRESHOLD = 0.5;

/** Clamps and rounds a threshold typed or slid by the user to 0..1 in steps of 0.01; null for text that is no number. */
export function parseThreshold(raw: string | number): number | null {
  const v = typeof raw === "number" ? raw : Number(String(raw).replace(",", "."));
  if (!Number.isFinite(v) || (typeof raw === "string" && raw.trim() === "")) return null;
  return Math.min(THRESHOLD_RANGE.max, Math.max(THRESHOLD_RANGE.min, Math.round(v * 100) / 100));
}

/**
 * The control's first value: the evaluation's own threshold as stored (not
 * rounded to the 0.01 step, so it matches the summary card, e.g. 0.333),
 * clamped to 0..1; 0.5 when there is no usable number.
 */
export function initialThreshold(evaluationThreshold: number | null | undefined): number {
  if (typeof evaluationThreshold !== "number" || !Number.isFinite(evaluationThreshold)) return FALLBACK_THRESHOLD;
  return Math.min(THRESHOLD_RANGE.max, Math.max(THRESHOLD_RANGE.min, evaluationThreshold));
}
