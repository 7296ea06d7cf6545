import { classPaint } from "./class-color";

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
  /** The chosen metric in percent 0–100, or null when undefined (drawn as "n/a", never as 0). */
  value: number | null;
  /** The value as text ("97.8%" or "n/a"). */
  label: string;
  /** Category-axis text: the class name with its value, so labels never collide with error bars. */
  axisLabel: string;
  /** Error bar [below, above] in percent points around `value`, or null when no interval is known. */
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

const pct = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 10000) / 100);
const label = (v: number | null) => (v === null ? "n/a" : `${v.toFixed(1)}%`);

/**
 * Prepares the per-class bars of one metric (IoU or Dice): order (class
 * index, or worst/best of that metric first with undefined values last),
 * percent values, "n/a" labels for undefined ratios, the interval as an
 * error bar where known (IoU), a tooltip naming the metric, and each class's
 * own colour with the contrast guard (an outline for near-white classes).
 */
export function toPerClassBars(
  rows: readonly PerClassInput[],
  colors: ReadonlyMap<number, readonly [number, number, number]>,
  { metric = "iou", sort = "index" }: { metric?: PerClassMetric; sort?: PerClassSort } = {},
): PerClassBar[] {
  const bars = rows.map((r) => {
    const value = pct(r[metric]);
    const low = metric === "iou" ? pct(r.iouLow) : null;
    const high = metric === "iou" ? pct(r.iouHigh) : null;
    const withCi = value !== null && low !== null && high !== null;
    const paint = classPaint(colors.get(r.classIndex) ?? null);
    const bar: PerClassBar = {
      name: r.name,
      value,
      label: label(value),
      axisLabel: `${r.name} · ${label(value)}`,
      error: withCi ? [Math.max(0, value - low), Math.max(0, high - value)] : null,
      tooltip: `${METRIC_NAMES[metric]}: ${label(value)}${withCi ? ` (95% CI ${label(low)} – ${label(high)})` : ""}`,
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
