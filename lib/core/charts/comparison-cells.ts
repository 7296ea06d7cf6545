/** The numbers of one paired comparison of mIoU (this − theirs), as the comparison table shows them. */
export interface PairedDiff {
  diff: number;
  low: number;
  high: number;
  signFlipShare: number;
}

/**
 * The verdict of a paired comparison: "better" / "worse" when the 95%
 * interval excludes 0, "identical" when the two evaluations give the same
 * mIoU on every resample (difference and interval all exactly 0), else "not
 * distinguishable"; "—" when the interval is undefined.
 */
export function comparisonVerdict(c: PairedDiff): string {
  if (!Number.isFinite(c.low) || !Number.isFinite(c.high)) return "—";
  if (c.low > 0) return "better";
  if (c.high < 0) return "worse";
  if (c.diff === 0 && c.low === 0 && c.high === 0) return "identical";
  return "not distinguishable";
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
