import { AppError } from "@/lib/core/errors";
import { bootstrapSettings, drawMultiplicities, imageStats, interval, iouFromSums, MIN_INTERVAL_IMAGES, weightedSums, type BootstrapOptions, type Interval } from "./bootstrap";
import type { ConfusionMatrix } from "./confusion";
import { mulberry32 } from "./prng";

/**
 * Paired bootstrap of the per-class IoU differences IoU_k(b) - IoU_k(a) over
 * the same images (a[i], b[i] are the same image), with the same drawn
 * indices as `pairedBootstrapMiouDiff` (same seed → the same resamples, so
 * `miou` equals its result). Per class: estimate on all images; a resample in
 * which the class is undefined in either evaluation (union 0) is left out of
 * that class's interval; a class undefined on all images has NaN everywhere;
 * fewer than MIN_INTERVAL_IMAGES images: every interval NaN.
 */
export function pairedBootstrapClassDiffs(
  a: readonly ConfusionMatrix[],
  b: readonly ConfusionMatrix[],
  opts?: BootstrapOptions,
): { miou: Interval; perClass: Interval[]; resamples: number } {
  const { resamples, seed, confidence } = bootstrapSettings(opts);
  if (a.length !== b.length) {
    throw new AppError("invalid_input", `pairedBootstrapClassDiffs: ${a.length} images in the first evaluation but ${b.length} in the second`);
  }
  const n = a.length;
  const sa = imageStats(a, "pairedBootstrapClassDiffs");
  const sb = imageStats(b, "pairedBootstrapClassDiffs");
  if (n > 0 && sa.k !== sb.k) throw new AppError("invalid_input", `pairedBootstrapClassDiffs: ${sa.k} classes in the first evaluation but ${sb.k} in the second`);
  const k = sa.k;
  const sumsA = new Float64Array(3 * k);
  const sumsB = new Float64Array(3 * k);
  const iouA = new Float64Array(k);
  const iouB = new Float64Array(k);
  weightedSums(sa.stats, k, null, n, sumsA);
  weightedSums(sb.stats, k, null, n, sumsB);
  const miouEstimate = n > 0 ? iouFromSums(sumsB, k, iouB) - iouFromSums(sumsA, k, iouA) : NaN;
  const classEstimates = Array.from({ length: k }, (_, c) => iouB[c] - iouA[c]);
  const draws = n >= MIN_INTERVAL_IMAGES ? resamples : 0;
  const miouDraws = new Float64Array(draws);
  const classDraws = Array.from({ length: k }, () => new Float64Array(draws));
  const next = mulberry32(seed);
  const mult = new Uint32Array(n);
  for (let r = 0; r < draws; r++) {
    drawMultiplicities(next, n, mult);
    weightedSums(sa.stats, k, mult, n, sumsA);
    weightedSums(sb.stats, k, mult, n, sumsB);
    miouDraws[r] = iouFromSums(sumsB, k, iouB) - iouFromSums(sumsA, k, iouA);
    for (let c = 0; c < k; c++) classDraws[c][r] = iouB[c] - iouA[c];
  }
  return {
    miou: interval(miouEstimate, miouDraws, confidence),
    perClass: classDraws.map((d, c) => interval(n > 0 ? classEstimates[c] : NaN, d, confidence)),
    resamples,
  };
}
