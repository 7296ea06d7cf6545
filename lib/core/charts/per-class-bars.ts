import { classPaint } from "./class-color";
import { chartScore, chartScoreLabel, type ScoreMode } from "./score-format";

export interface PerClassInput {
  classIndex: number;
  name: string;
  iou: number | null;
  dice: number | null;
  /** Optional interval of the IoU (0..1), drawn as an error bar. */
  iouLow?: number | null;
  iouHigh?: number | null;
}

export type PerClassMetric = "iou" | "dice";

export interface PerClassBar {
  name: string;
  /** The chosen metric on the mode's scale (percent 0–100, or 0–1), or null when undefined (drawn as "n/a", never as 0). */
  value: number | null;
  /** The value as text ("97.8%", "0.978" or "n/a"). */
  label: string;
  /** Category-axis text: the class name with its value, so labels never collide with error bars. */
  axisLabel: string;
  /** Error bar [below, above] around `value` on the same scale, or null when no interval is known. */
  error: [number, number] | null;
  /** Tooltip line, e.g. "IoU: 97.8% (95% CI 96.1% – 98.9%)". */
  tooltip: string;
  color: string;
  /** Outline for a fill too light to see on white (contrast guard), else null. */
  stroke: string | null;
}

/** "worst"/"best" order by the chosen metric. */
export type PerClassSort = "index" | "worst" | "best";

export const METRIC_NAMES: Record<PerClassMetric, string> = { iou: "IoU", dice: "Dice" };

/** The Order menu's options for a metric: "Worst Dice first" when the chart shows Dice. */
export function perClassSortOptions(metric: PerClassMetric): { value: PerClassSort; label: string }[] {
  const m = METRIC_NAMES[metric];
  return [
    { value: "worst", label: `Worst ${m} first` },
    { value: "best", label: `Best ${m} first` },
    { value: "index", label: "Class index" },
  ];
}


/**
 * Prepares the per-class bars of one metric (IoU or Dice): order (class
 * index, or worst/best of that metric first with undefined values last),
 * values and labels in the score mode (percent or 0–1), "n/a" labels for undefined ratios, the interval as an
 * error bar where known (IoU), a tooltip naming the metric, and each class's
 * own colour with the contrast guard (an outline for near-white classes).
 */
export function toPerClassBars(
  rows: readonly PerClassInput[],
  colors: ReadonlyMap<number, readonly [number, number, number]>,
  { metric = "iou", sort = "index", mode = "percent" }: { metric?: PerClassMetric; sort?: PerClassSort; mode?: ScoreMode } = {},
): PerClassBar[] {
  const label = (ratio: number | null | undefined) => chartScoreLabel(ratio, mode);
  const bars = rows.map((r) => {
    const value = chartScore(r[metric], mode);
    const low = metric === "iou" ? chartScore(r.iouLow, mode) : null;
    const high = metric === "iou" ? chartScore(r.iouHigh, mode) : null;
    const withCi = value !== null && low !== null && high !== null;
    const paint = classPaint(colors.get(r.classIndex) ?? null);
    const bar: PerClassBar = {
      name: r.name,
      value,
      label: label(r[metric]),
      axisLabel: `${r.name} · ${label(r[metric])}`,
      error: withCi ? [Math.max(0, value - low), Math.max(0, high - value)] : null,
      tooltip: `${METRIC_NAMES[metric]}: ${label(r[metric])}${withCi ? ` (95% CI ${label(r.iouLow)} – ${label(r.iouHigh)})` : ""}`,
      color: paint.fill,
      stroke: paint.stroke,
    };
    return { index: r.classIndex, bar };
  });
  if (sort !== "index") {
    const dir = sort === "worst" ? 1 : -1;
    bars.sort((a, b) => {
      if (a.bar.value === null || b.bar.value === null) return a.bar.value === null ? (b.bar.value === null ? a.index - b.index : 1) : -1;
      return dir * (a.bar.value - b.bar.value) || a.index - b.index;
    });
  }
  return bars.map((b) => b.bar);
}
