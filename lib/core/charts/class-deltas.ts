import { classPaint, type ClassPaint, type Rgb } from "./class-color";
import { pairedVerdict, type PairedVerdict } from "./comparison-cells";

export interface ClassDeltaInput { classIndex: number; name: string; color: Rgb; mine: number | null; theirs: number | null; delta: number | null; low: number | null; high: number | null }

export type DeltaSort = "delta-asc" | "delta-desc" | "index";

export interface ClassDeltaRow extends ClassDeltaInput {
  paint: ClassPaint;
  /** pairedVerdict of the class's difference ("identical" when it is exactly 0 on every resample), "n/a" when undefined. */
  verdict: PairedVerdict | "n/a";
}

const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);

/**
 * Orders per-class differences (this version − the other, paired over the
 * images both evaluated) for the class-by-class comparison: most negative
 * first, most positive first, or by class index; classes without a defined
 * difference always last. Adds the contrast-guarded colour and a verdict
 * from the interval.
 */
export function prepareClassDeltas(rows: readonly ClassDeltaInput[], sort: DeltaSort): ClassDeltaRow[] {
  const out = rows.map((r) => ({
    ...r,
    paint: classPaint(r.color),
    verdict: pairedVerdict(r.delta, r.low, r.high) ?? ("n/a" as const),
  }));
  const dir = sort === "delta-asc" ? 1 : -1;
  return out.sort((a, b) => {
    if (sort === "index") return a.classIndex - b.classIndex;
    if (!finite(a.delta) || !finite(b.delta)) return finite(a.delta) ? -1 : finite(b.delta) ? 1 : a.classIndex - b.classIndex;
    return dir * (a.delta - b.delta) || a.classIndex - b.classIndex;
  });
}
