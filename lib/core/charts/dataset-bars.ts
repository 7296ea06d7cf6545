import { chartScore, chartScoreLabel, type ScoreMode } from "./score-format";

export interface DatasetResultInput { evaluationId: string; label: string; miou: number | null; low: number | null; high: number | null; current: boolean }

export interface DatasetBar {
  evaluationId: string;
  label: string;
  /** mIoU on the score mode's scale (percent 0–100, or 0–1), or null ("n/a", no bar). */
  miou: number | null;
  /** Error bar as [below, above] distances on the same scale, or null when the interval is unknown. */
  error: [number, number] | null;
  text: string;
  /** Category-axis text: the dataset with its mIoU. */
  axisLabel: string;
  current: boolean;
}

/** One model version across the datasets it was evaluated on: the current dataset first, then the others by mIoU (best first), n/a last; values and labels in the score mode. */
export function toDatasetBars(rows: readonly DatasetResultInput[], mode: ScoreMode = "percent"): DatasetBar[] {
  const bars = rows.map((r) => {
    const miou = chartScore(r.miou, mode);
    const low = chartScore(r.low, mode);
    const high = chartScore(r.high, mode);
    return {
      evaluationId: r.evaluationId,
      label: r.label,
      miou,
      error: miou !== null && low !== null && high !== null ? ([Math.max(0, miou - low), Math.max(0, high - miou)] as [number, number]) : null,
      text: chartScoreLabel(r.miou, mode),
      axisLabel: `${r.label} · ${chartScoreLabel(r.miou, mode)}`,
      current: r.current,
    };
  });
  return bars.sort((a, b) => Number(b.current) - Number(a.current) || (a.miou === null ? 1 : b.miou === null ? -1 : b.miou - a.miou));
}
