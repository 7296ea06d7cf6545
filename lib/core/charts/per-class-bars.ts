export interface PerClassInput {
  classIndex: number;
  name: string;
  iou: number | null;
  dice: number | null;
}

export interface PerClassBar {
  name: string;
  /** Percent 0–100, or null when undefined (drawn as "n/a", never as 0). */
  iou: number | null;
  dice: number | null;
  /** Label shown at the end of the bar. */
  iouLabel: string;
  diceLabel: string;
  color: string;
}

export type PerClassSort = "index" | "iou-asc" | "iou-desc";

const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 10000) / 100);
const label = (v: number | null) => (v === null ? "n/a" : `${v.toFixed(1)}%`);

/**
 * Prepares the per-class IoU/Dice bars: order (class index, or worst/best
 * IoU first with undefined values last), percent values, "n/a" labels for
 * undefined ratios and each class's own colour, so a class looks the same in
 * every chart.
 */
export function toPerClassBars(
  rows: readonly PerClassInput[],
  colors: ReadonlyMap<number, readonly [number, number, number]>,
  sort: PerClassSort = "index",
): PerClassBar[] {
  const bars = rows.map((r) => {
    const iou = pct(r.iou);
    const dice = pct(r.dice);
    const c = colors.get(r.classIndex) ?? [128, 128, 128];
    return { index: r.classIndex, bar: { name: r.name, iou, dice, iouLabel: label(iou), diceLabel: label(dice), color: `rgb(${c[0]}, ${c[1]}, ${c[2]})` } };
  });
  if (sort !== "index") {
    const dir = sort === "iou-asc" ? 1 : -1;
    bars.sort((a, b) => {
      if (a.bar.iou === null || b.bar.iou === null) return a.bar.iou === null ? (b.bar.iou === null ? a.index - b.index : 1) : -1;
      return dir * (a.bar.iou - b.bar.iou) || a.index - b.index;
    });
  }
  return bars.map((b) => b.bar);
}
