/**
 * Boundary IoU: what callers import — types, counts, the boundary width, per-image accumulation, merging and
 * scores. accumulateBoundary picks the counting path: the one-sweep fast path (boundary-sweep.ts) or the fallback
 * on full boundary maps (boundary-band.ts), or for two 8-bit maps the WebAssembly kernel (boundary-wasm.ts) when
 * lib/core/wasm is initialised.
 */
import { AppError } from "@/lib/core/errors";
import { checkNumClasses } from "./validate";
import { countGeneric } from "./boundary-band";
import { ignoreTable } from "./boundary-codes";
import { countSweep, MAX_CODED_CLASSES, MAX_SWEEP_D } from "./boundary-sweep";
import { countBoundary8Wasm } from "./boundary-wasm";

export { markBoundary } from "./boundary-band";

/**
 * Boundary IoU (Cheng et al., CVPR 2021). Per class k, G_d = boundary of
 * (gt == k) and P_d = boundary of (pred == k) as in the official
 * `mask_to_boundary`: pad with zeros (the image border counts as boundary),
 * erode with a 3x3 kernel d times, boundary = mask AND NOT eroded, with
 * d = max(1, round(dilationRatio * sqrt(w^2 + h^2))) (round half to even, as
 * Python's round). Intersection |G_d AND P_d| and union |G_d OR P_d| are
 * counted only over pixels whose ground truth is not an ignore value, and add
 * up over images: dataset-level boundary IoU = sum of intersections / sum of
 * unions; the mean is over classes with union > 0.
 */
export interface LabelMapLike { width: number; height: number; data: Uint8Array | Uint16Array }

/** Boundary IoU (Cheng et al. 2021) counts for one image, per class; additive across images. */
export interface BoundaryCounts { numClasses: number; intersection: Float64Array; union: Float64Array }

export interface BoundaryOptions { numClasses: number; ignoreValues?: readonly number[]; dilationRatio?: number }

export const DEFAULT_DILATION_RATIO = 0.02;

/** All-zero boundary counts for numClasses classes. */
export function createBoundaryCounts(numClasses: number): BoundaryCounts {
  checkNumClasses(numClasses, "createBoundaryCounts");
  return { numClasses, intersection: new Float64Array(numClasses), union: new Float64Array(numClasses) };
}

/** Python 3 round(): half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Boundary width in pixels: max(1, round(ratio * image diagonal)), e.g. 12 for 480x360 and 44 for 1920x1080 at 0.02. */
export function boundaryWidth(width: number, height: number, dilationRatio = DEFAULT_DILATION_RATIO): number {
  return Math.max(1, roundHalfEven(dilationRatio * Math.sqrt(width * width + height * height)));
}

/**
 * d = max(1, round(dilationRatio * sqrt(w^2+h^2))), dilationRatio default 0.02; image border counts as boundary; gt
 * ignore pixels excluded; labels outside 0..numClasses-1 belong to no class. One row-major sweep over both maps
 * (see sweep in boundary-sweep.ts); O(width * height) whatever the number of classes. Scratch buffers are reused
 * across calls.
 */
export function accumulateBoundary(into: BoundaryCounts, gt: LabelMapLike, pred: LabelMapLike, opts: BoundaryOptions): void {
  const { width, height } = gt;
  const n = width * height;
  if (opts.numClasses !== into.numClasses) {
    throw new AppError("invalid_input", `accumulateBoundary: options say ${opts.numClasses} classes but the counts have ${into.numClasses}`);
  }
  if (gt.width !== pred.width || gt.height !== pred.height || gt.data.length !== n || pred.data.length !== n) {
    throw new AppError(
      "invalid_input",
      `accumulateBoundary: ground truth is ${gt.width}x${gt.height} (${gt.data.length} values) but prediction is ${pred.width}x${pred.height} (${pred.data.length} values)`,
    );
  }
  if (n === 0) return;
  const ratio = opts.dilationRatio ?? DEFAULT_DILATION_RATIO;
  if (!(ratio >= 0) || !Number.isFinite(ratio)) {
    throw new AppError("invalid_input", `accumulateBoundary: dilationRatio must be a finite number >= 0, got ${ratio}`);
  }
  const d = boundaryWidth(width, height, ratio);
  const N = into.numClasses;
  const ignore = opts.ignoreValues ?? [];
  const wide = gt.data instanceof Uint16Array || pred.data instanceof Uint16Array;
  if (!wide && n <= 0x7fffffff && countBoundary8Wasm(into, gt.data as Uint8Array, pred.data as Uint8Array, width, height, d, ignore)) return;
  if (d > MAX_SWEEP_D || (wide && N > MAX_CODED_CLASSES) || n > 0x7fffffff) {
    countGeneric(into, gt.data, pred.data, width, height, d, ignoreTable(ignore));
    return;
  }
  countSweep(into, gt.data, pred.data, width, height, d, ignore, wide);
}

/** Adds `from` into `into` (same numClasses). */
export function mergeBoundary(into: BoundaryCounts, from: BoundaryCounts): void {
  if (into.numClasses !== from.numClasses) {
    throw new AppError("invalid_input", `mergeBoundary: cannot merge ${from.numClasses} classes into ${into.numClasses}`);
  }
  for (let k = 0; k < into.numClasses; k++) {
    into.intersection[k] += from.intersection[k];
    into.union[k] += from.union[k];
  }
}

/** Per-class intersection / union (NaN when union is 0) and their mean over classes with union > 0 (NaN if none). */
export function boundaryIou(counts: BoundaryCounts): { perClass: number[]; mean: number } {
  const perClass: number[] = [];
  let sum = 0;
  let defined = 0;
  for (let k = 0; k < counts.numClasses; k++) {
    const u = counts.union[k];
    const v = u > 0 ? counts.intersection[k] / u : NaN;
    perClass.push(v);
    if (u > 0) {
      sum += v;
      defined++;
    }
  }
  return { perClass, mean: defined > 0 ? sum / defined : NaN };
}
