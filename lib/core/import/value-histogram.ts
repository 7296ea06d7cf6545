import type { PlanClass, ValueMapping } from "./plan";
import { buildValueLut, countValues, lutTarget } from "./value-mapping";

/** Mask value -> pixels and images (masks) that contain it, over the scanned masks. */
export type ValueHistogram = Map<number, { pixels: number; images: number }>;

/** Adds one mask's values to the histogram; returns the mask's own counts. */
export function addMaskToHistogram(hist: ValueHistogram, data: Uint8Array | Uint16Array): [number, number][] {
  const counts = countValues(data);
  for (const [value, pixels] of counts) {
    const entry = hist.get(value);
    if (entry) {
      entry.pixels += pixels;
      entry.images++;
    } else hist.set(value, { pixels, images: 1 });
  }
  return counts;
}

/** One row of the mapping step: a value found, how often, and where it goes. */
export interface ValueRow {
  value: number;
  pixels: number;
  images: number;
  /** Class index or "void" under the current mapping; null = undeclared (must be mapped). */
  target: number | "void" | null;
  /** Name of the target class, "void", or null. */
  targetName: string | null;
}

/**
 * Turns the histogram into the mapping step's rows (ascending by value) and
 * the undeclared values (neither a class index, the ignore index, nor mapped).
 */
export function summarizeValues(
  hist: ValueHistogram,
  classes: readonly PlanClass[],
  ignoreIndex: number | null,
  mapping: ValueMapping,
): { rows: ValueRow[]; undeclared: number[] } {
  const lut = buildValueLut(mapping, classes.length, ignoreIndex);
  const rows = [...hist.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([value, { pixels, images }]): ValueRow => {
      const target = lutTarget(lut, value);
      const targetName = target === null ? null : target === "void" ? "void" : classes[target].name;
      return { value, pixels, images, target, targetName };
    });
  return { rows, undeclared: rows.filter((r) => r.target === null).map((r) => r.value) };
}

/**
 * Picks which masks to scan: all when there are at most `limit`, else an
 * evenly spaced, deterministic sample of `limit` indices (first and last
 * included), so a big set is scanned in bounded time.
 */
export function sampleIndices(count: number, limit: number): number[] {
  if (count <= limit) return Array.from({ length: count }, (_, i) => i);
  if (limit <= 1) return [0];
  const step = (count - 1) / (limit - 1);
  return Array.from({ length: limit }, (_, i) => Math.round(i * step));
}
