/** The numbers of one paired comparison of mIoU (this − theirs), as the comparison table shows them. */
export interface PairedDiff {
  diff: number;
  low: number;
  high: number;
  signFlipShare: number;
}

/** What a paired difference (this − the other) with its 95% interval says; null when any of them is undefined. */
export type PairedVerdict = "better" | "worse" | "identical" | "not distinguishable";

/**
 * The verdict of a paired difference, for mIoU and for one class alike:
 * "better" / "worse" when the 95% interval excludes 0, "identical" when the
 * difference and the interval are all exactly 0 (the same score on every
 * resample), else "not distinguishable"; null when any is undefined.
 */
export function pairedVerdict(diff: number | null, low: number | null, high: number | null): PairedVerdict | null {
  const finite = (v: number | null): v is number => v !== null && Number.isFinite(v);
  if (!finite(diff) || !finite(low) || !finite(high)) return null;
  if (low > 0) return "better";
  if (high < 0) return "worse";
  if (diff === 0 && low === 0 && high === 0) return "identical";
  return "not distinguishable";
}

/** pairedVerdict of the mIoU comparison as the version table shows it ("—" when undefined). */
export function comparisonVerdict(c: PairedDiff): string {
  return pairedVerdict(c.diff, c.low, c.high) ?? "—";
}

/**
 * The share of resamples whose difference has the other sign, as a percent
 * with one decimal; "—" when it is undefined or when the difference is
 * exactly 0 (no sign to flip: the bootstrap counts every resample then).
 */
export function signFlipCell(c: PairedDiff): string {
  if (!Number.isFinite(c.signFlipShare) || c.diff === 0) return "—";
  return `${(c.signFlipShare * 100).toFixed(1)}%`;
}
