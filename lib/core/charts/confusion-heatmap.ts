import { classPaint, type ClassPaint, type Rgb } from "./class-color";

export type HeatmapMode = "counts" | "row";

export interface HeatmapClass { index: number; name: string; color: Rgb }

export interface HeatmapAxisLabel {
  /** Class index, or null for the spill column. */
  index: number | null;
  name: string;
  paint: ClassPaint;
}

export interface HeatmapCell {
  gt: number;
  /** Predicted column: a class index, or numClasses for the spill column. */
  pred: number;
  count: number;
  /** Share of the ground-truth row (0..1), or null when the row has no pixel. */
  rowShare: number | null;
  /** What the cell shows in the chosen mode: a compact count, a percentage, or "n/a". */
  text: string;
  /** CSS background: blue on the diagonal, red off it, opacity by value; transparent for 0 and n/a. */
  background: string;
  /** CSS text colour: white on strongly shaded cells, else inherited (null). */
  color: string | null;
  /** Hover text: both axes, count and share. */
  title: string;
}

export interface HeatmapRow { label: HeatmapAxisLabel; total: number; cells: HeatmapCell[] }

export interface PreparedHeatmap {
  columns: HeatmapAxisLabel[];
  rows: HeatmapRow[];
  /** Sum of every cell: the evaluated (non-void) pixels. */
  total: number;
  mode: HeatmapMode;
}

export const SPILL_LABEL = "outside class list";

/** A count in few characters: 987, 12.3k, 4.5M. */
export function compactCount(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1e6) return `${(n / 1e3).toFixed(n < 1e4 ? 1 : 0)}k`;
  if (n < 1e9) return `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)}M`;
  return `${(n / 1e9).toFixed(1)}G`;
}

/** A row share as the cell shows it: "0%" only when nothing of the row went there (a tiny share is "<0.1%"). */
const pctText = (share: number) => (share === 0 ? "0%" : share < 0.001 ? "<0.1%" : `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`);

/**
 * Prepares the confusion-matrix heatmap from the dense dataset-level matrix
 * (`rows[g][p]`: numClasses rows x numClasses + 1 columns, the last one the
 * spill column "outside class list"). Classes stay in index order on both
 * axes, each in its class colour (with the contrast guard). Mode "counts"
 * shades by log count against the largest cell; mode "row" shows each row
 * normalised to its ground-truth pixels, and a row without pixels shows
 * "n/a" (never a fake 0%).
 */
export function prepareConfusionHeatmap(matrix: readonly (readonly number[])[], classes: readonly HeatmapClass[], mode: HeatmapMode): PreparedHeatmap {
  const k = matrix.length;
  const byIndex = new Map(classes.map((c) => [c.index, c]));
  const label = (i: number): HeatmapAxisLabel => {
    const c = byIndex.get(i);
    return { index: i, name: c?.name ?? `class ${i}`, paint: classPaint(c?.color ?? null) };
  };
  const columns = [...Array.from({ length: k }, (_, i) => label(i)), { index: null, name: SPILL_LABEL, paint: classPaint([150, 150, 150]) }];
  let max = 0;
  let total = 0;
  for (const row of matrix) for (const v of row) {
    if (v > max) max = v;
    total += v;
  }
  const logMax = Math.log1p(max);
  const rows = matrix.map((row, g) => {
    const rowTotal = row.reduce((a, b) => a + b, 0);
    const cells = row.map((count, p): HeatmapCell => {
      const rowShare = rowTotal > 0 ? count / rowTotal : null;
      const strength = mode === "row" ? (rowShare ?? 0) : logMax > 0 ? Math.log1p(count) / logMax : 0;
      const rgb = g === p ? "47, 91, 211" : "214, 39, 40";
      const text = mode === "row" ? (rowShare === null ? "n/a" : pctText(rowShare)) : count === 0 ? "0" : compactCount(count);
      const share = rowShare === null ? "n/a" : `${(rowShare * 100).toFixed(2)}% of the row`;
      return {
        gt: g,
        pred: p,
        count,
        rowShare,
        text,
        color: count > 0 && strength > 0.55 ? "#fff" : null,
        background: count > 0 && strength > 0 ? `rgba(${rgb}, ${(0.08 + 0.82 * strength).toFixed(3)})` : "transparent",
        title: `ground truth ${label(g).name} → predicted ${columns[p].name}: ${count.toLocaleString("en-US")} px (${share})`,
      };
    });
    return { label: label(g), total: rowTotal, cells };
  });
  return { columns, rows, total, mode };
}
