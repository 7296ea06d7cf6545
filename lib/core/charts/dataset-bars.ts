export interface DatasetResultInput { evaluationId: string; label: string; miou: number | null; low: number | null; high: number | null; current: boolean }

export interface DatasetBar {
  evaluationId: string;
  label: string;
  /** mIoU in percent, or null ("n/a", no bar). */
  miou: number | null;
  /** Error bar as [below, above] distances in percent points, or null when the interval is unknown. */
  error: [number, number] | null;
  text: string;
  /** Category-axis text: the dataset with its mIoU. */
  axisLabel: string;
  current: boolean;
}

const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10000) / 100);

/** One model version across the datasets it was evaluated on: the current dataset first, then the others by mIoU (best first), n/a last. */
export function toDatasetBars(rows: readonly DatasetResultInput[]): DatasetBar[] {
  const bars = rows.map((r) => {
    const miou = pct(r.miou);
    const low = pct(r.low);
    const high = pct(r.high);
    return {
      evaluationId: r.evaluationId,
      label: r.label,
      miou,
      error: miou !== null && low !== null && high !== null ? ([Math.max(0, miou - low), Math.max(0, high - miou)] as [number, number]) : null,
      text: miou === null ? "n/a" : `${miou.toFixed(1)}%`,
      axisLabel: `${r.label} · ${miou === null ? "n/a" : `${miou.toFixed(1)}%`}`,
      current: r.current,
    };
  });
  return bars.sort((a, b) => Number(b.current) - Number(a.current) || (a.miou === null ? 1 : b.miou === null ? -1 : b.miou - a.miou));
}
