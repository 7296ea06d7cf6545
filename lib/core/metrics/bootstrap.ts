import { AppError } from "@/lib/core/errors";
import type { ConfusionMatrix } from "./confusion";
import { mulberry32, scaleToRange } from "./prng";

export interface BootstrapOptions { resamples?: number /* 1000 */; seed?: number /* 0 */; confidence?: number /* 0.95 */ }
export interface Interval { estimate: number; low: number; high: number }

export const DEFAULT_BOOTSTRAP = { resamples: 1000, seed: 0, confidence: 0.95 } as const;
/**
 * Fewest images an interval is given for. With one image every resample is
 * that image: the "interval" would have zero width and read as certainty
 * (and a paired comparison would call a class better or worse from one
 * image). Below this the estimate stands and the interval is NaN (n/a).
 */
export const MIN_INTERVAL_IMAGES = 2;
const MAX_RESAMPLES = 1_000_000;

/** Resolves and checks the options: resamples an integer in 1..1e6, seed an integer (used as uint32), confidence in (0, 1). */
export function bootstrapSettings(opts: BootstrapOptions = {}): { resamples: number; seed: number; confidence: number } {
  const resamples = opts.resamples ?? DEFAULT_BOOTSTRAP.resamples;
  const seed = opts.seed ?? DEFAULT_BOOTSTRAP.seed;
  const confidence = opts.confidence ?? DEFAULT_BOOTSTRAP.confidence;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > MAX_RESAMPLES) {
    throw new AppError("invalid_input", `bootstrap: resamples must be an integer in 1..${MAX_RESAMPLES}, got ${resamples}`);
  }
  if (!Number.isInteger(seed)) throw new AppError("invalid_input", `bootstrap: seed must be an integer, got ${seed}`);
  if (!(confidence > 0 && confidence < 1)) {
    throw new AppError("invalid_input", `bootstrap: confidence must be between 0 and 1 (exclusive), got ${confidence}`);
  }
  return { resamples, seed, confidence };
}

/**
 * Percentile with linear interpolation, exactly as numpy's default
 * `np.percentile(values, pct)` (method "linear", including numpy's lerp that
 * interpolates from the upper neighbour when the fraction is >= 0.5).
 * NaN values are left out (as np.nanpercentile); NaN when none remains.
 * `sorted` must be ascending and NaN-free; pct in 0..100.
 */
export function percentileSorted(sorted: ArrayLike<number>, pct: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const virtual = (pct / 100) * (n - 1);
  const lo = Math.floor(virtual);
  const hi = Math.min(lo + 1, n - 1);
  const gamma = virtual - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** Sorted copy of the non-NaN values. */
function sortedDefined(values: Float64Array): Float64Array {
  return values.filter((v) => !Number.isNaN(v)).sort();
}

/** Per image: tp[k], rowsum[k] (incl. spill), colsum[k], packed as stats[(i * 3 + j) * K + k]. */
export function imageStats(images: readonly ConfusionMatrix[], where: string): { k: number; stats: Float64Array } {
  const k = images.length > 0 ? images[0].numClasses : 0;
  const cols = k + 1;
  const stats = new Float64Array(images.length * 3 * k);
  images.forEach((cm, i) => {
    if (cm.numClasses !== k) throw new AppError("invalid_input", `${where}: image ${i} has ${cm.numClasses} classes, expected ${k}`);
    const base = i * 3 * k;
    for (let g = 0; g < k; g++) {
      let row = 0;
      for (let p = 0; p <= k; p++) {
        const v = cm.counts[g * cols + p];
        row += v;
        if (p < k) stats[base + 2 * k + p] += v;
      }
      stats[base + g] = cm.counts[g * cols + g];
      stats[base + k + g] = row;
    }
  });
  return { k, stats };
}

/** Weighted sums of the stats (weights = multiplicities; all ones for the point estimate) into `sums` (3K). */
export function weightedSums(stats: Float64Array, k: number, weights: Uint32Array | null, n: number, sums: Float64Array): void {
  sums.fill(0);
  const w3 = 3 * k;
  for (let i = 0; i < n; i++) {
    const m = weights ? weights[i] : 1;
    if (m === 0) continue;
    const base = i * w3;
    for (let j = 0; j < w3; j++) sums[j] += m * stats[base + j];
  }
}

/** IoU per class from sums (NaN where the union is 0) into `iou`; returns their mean over defined classes. */
export function iouFromSums(sums: Float64Array, k: number, iou: Float64Array): number {
  let total = 0;
  let defined = 0;
  for (let c = 0; c < k; c++) {
    const tp = sums[c];
    const union = sums[k + c] + sums[2 * k + c] - tp;
    const v = union > 0 ? tp / union : NaN;
    iou[c] = v;
    if (union > 0) {
      total += v;
      defined++;
    }
  }
  return defined > 0 ? total / defined : NaN;
}

/** Draws the resample multiplicities: n indices uniform in 0..n-1 (floor(u * n / 2^32) of successive mulberry32 outputs). */
export function drawMultiplicities(next: () => number, n: number, mult: Uint32Array): void {
  mult.fill(0);
  for (let j = 0; j < n; j++) mult[scaleToRange(next(), n)]++;
}

export function interval(estimate: number, values: Float64Array, confidence: number): Interval {
  const s = sortedDefined(values);
  const lowPct = ((1 - confidence) / 2) * 100;
  const highPct = ((1 + confidence) / 2) * 100;
  return { estimate, low: percentileSorted(s, lowPct), high: percentileSorted(s, highPct) };
}

/**
 * Percentile bootstrap over images of dataset-level mIoU and per-class IoU.
 * Each resample draws images.length images with replacement (mulberry32
 * seeded with `seed`), sums their tp / rowsum / colsum and scores the sum; a
 * class with union 0 in a resample is left out of that resample's mean and of
 * its own interval. Interval = [p_(1-c)/2, p_(1+c)/2] of the resample values
 * (numpy linear percentile); estimate = the value on all images. No images:
 * every number NaN; fewer than MIN_INTERVAL_IMAGES: the intervals are NaN.
 * Deterministic for a seed; cost O(resamples x images x classes).
 */
export function bootstrapMiou(
  images: readonly ConfusionMatrix[],
  opts?: BootstrapOptions,
): { miou: Interval; perClass: Interval[]; resamples: number; seed: number; confidence: number } {
  const { resamples, seed, confidence } = bootstrapSettings(opts);
  const n = images.length;
  const { k, stats } = imageStats(images, "bootstrapMiou");
  const sums = new Float64Array(3 * k);
  const iou = new Float64Array(k);
  weightedSums(stats, k, null, n, sums);
  const estimate = iouFromSums(sums, k, iou);
  const estimates = Float64Array.from(iou);
  const draws = n >= MIN_INTERVAL_IMAGES ? resamples : 0;
  const miouDraws = new Float64Array(draws);
  const classDraws = Array.from({ length: k }, () => new Float64Array(draws));
  const next = mulberry32(seed);
  const mult = new Uint32Array(n);
  for (let r = 0; r < miouDraws.length; r++) {
    drawMultiplicities(next, n, mult);
    weightedSums(stats, k, mult, n, sums);
    miouDraws[r] = iouFromSums(sums, k, iou);
    for (let c = 0; c < k; c++) classDraws[c][r] = iou[c];
  }
  return {
    miou: interval(n > 0 ? estimate : NaN, miouDraws, confidence),
    perClass: classDraws.map((d, c) => interval(estimates[c], d, confidence)),
    resamples,
    seed,
    confidence,
  };
}

/**
 * Paired bootstrap of mIoU(b) - mIoU(a) over the same samples (a[i], b[i] are
 * the same image): every resample uses the same drawn indices for both.
 * estimate = dataset-level mIoU(b) - mIoU(a) on all images. A resample where
 * either mIoU is undefined is left out. signFlipShare = share of the kept
 * resamples whose difference does not have the strict sign of the estimate:
 * a resample difference of exactly 0 counts as a flip, and when the estimate
 * is 0 every resample counts (share 1). Fewer than MIN_INTERVAL_IMAGES
 * images: interval and share NaN. Deterministic for a seed.
 */
export function pairedBootstrapMiouDiff(
  a: readonly ConfusionMatrix[],
  b: readonly ConfusionMatrix[],
  opts?: BootstrapOptions,
): Interval & { signFlipShare: number; resamples: number } {
  const { resamples, seed, confidence } = bootstrapSettings(opts);
  if (a.length !== b.length) {
    throw new AppError("invalid_input", `pairedBootstrapMiouDiff: ${a.length} images in the first evaluation but ${b.length} in the second`);
  }
  const n = a.length;
  const sa = imageStats(a, "pairedBootstrapMiouDiff");
  const sb = imageStats(b, "pairedBootstrapMiouDiff");
  if (n > 0 && sa.k !== sb.k) {
    throw new AppError("invalid_input", `pairedBootstrapMiouDiff: ${sa.k} classes in the first evaluation but ${sb.k} in the second`);
  }
  const sumsA = new Float64Array(3 * sa.k);
  const sumsB = new Float64Array(3 * sb.k);
  const iou = new Float64Array(Math.max(sa.k, 1));
  weightedSums(sa.stats, sa.k, null, n, sumsA);
  weightedSums(sb.stats, sb.k, null, n, sumsB);
  const estimate = n > 0 ? iouFromSums(sumsB, sb.k, iou) - iouFromSums(sumsA, sa.k, iou) : NaN;
  const diffs = new Float64Array(n >= MIN_INTERVAL_IMAGES ? resamples : 0);
  const next = mulberry32(seed);
  const mult = new Uint32Array(n);
  let kept = 0;
  let flips = 0;
  for (let r = 0; r < diffs.length; r++) {
    drawMultiplicities(next, n, mult);
    weightedSums(sa.stats, sa.k, mult, n, sumsA);
    weightedSums(sb.stats, sb.k, mult, n, sumsB);
    const d = iouFromSums(sumsB, sb.k, iou) - iouFromSums(sumsA, sa.k, iou);
    diffs[r] = d;
    if (Number.isNaN(d)) continue;
    kept++;
    if (!(Math.sign(d) === Math.sign(estimate) && d !== 0)) flips++;
  }
  const iv = interval(estimate, diffs, confidence);
  return { ...iv, signFlipShare: kept > 0 && !Number.isNaN(estimate) ? flips / kept : NaN, resamples };
}
