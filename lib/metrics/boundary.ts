import { AppError } from "@/lib/errors";
import { checkNumClasses } from "./validate";

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

let scratchSize = 0;
let gtEdge = new Uint8Array(0);
let predEdge = new Uint8Array(0);
let rowBuf = new Uint8Array(0);
let colRun = new Int32Array(0);

function ensureScratch(pixels: number, width: number): void {
  if (pixels > scratchSize) {
    gtEdge = new Uint8Array(pixels);
    predEdge = new Uint8Array(pixels);
    scratchSize = pixels;
  }
  if (width > rowBuf.length) {
    rowBuf = new Uint8Array(width);
    colRun = new Int32Array(width);
  }
}

/**
 * out[p] = 1 iff p lies in the boundary (width d) of its own class M[p]:
 * some pixel within Chebyshev distance d differs from M[p] or lies outside
 * the image. A pixel belongs to no other class's boundary, so one O(N) pass
 * serves every class. Per row, a horizontal run length marks pixels whose row
 * segment [x-d, x+d] is uniform and inside the image (rowBuf, from the row's
 * runs); per column, a counter of consecutive rows with such a segment and
 * the same value says (x, y-d) is interior once it reaches 2d+1 (branch-free:
 * booleans as 0/1). d >= 1.
 */
export function markBoundary(data: Uint8Array | Uint16Array, width: number, height: number, d: number, out: Uint8Array): void {
  if (!Number.isInteger(d) || d < 1) throw new AppError("invalid_input", `markBoundary: boundary width must be an integer >= 1, got ${d}`);
  const span = 2 * d + 1;
  if (span > width || span > height) {
    out.fill(1, 0, width * height);
    return;
  }
  ensureScratch(0, width);
  const h = rowBuf;
  const cnt = colRun;
  for (let y = 0; y < height; y++) {
    const base = y * width;
    h.fill(0, 0, width);
    let start = 0;
    let v = data[base];
    for (let x = 1; x < width; x++) {
      const u = data[base + x];
      if (u !== v) {
        if (x - start >= span) h.fill(1, start + d, x - d);
        start = x;
        v = u;
      }
    }
    if (width - start >= span) h.fill(1, start + d, width - d);
    if (y === 0) {
      for (let x = 0; x < width; x++) cnt[x] = h[x];
    } else if (y < 2 * d) {
      for (let x = d; x < width - d; x++) cnt[x] = h[x] * (cnt[x] * +(data[base + x] === data[base - width + x]) + 1);
    } else {
      const t = (y - d) * width;
      out.fill(1, t, t + d);
      for (let x = d; x < width - d; x++) {
        const k = h[x] * (cnt[x] * +(data[base + x] === data[base - width + x]) + 1);
        cnt[x] = k;
        out[t + x] = +(k < span);
      }
      out.fill(1, t + width - d, t + width);
    }
  }
  out.fill(1, 0, d * width);
  out.fill(1, (height - d) * width, height * width);
}

/** d = max(1, round(dilationRatio * sqrt(w^2+h^2))), dilationRatio default 0.02; image border counts as boundary; gt ignore pixels excluded. */
export function accumulateBoundary(into: BoundaryCounts, gt: LabelMapLike, pred: LabelMapLike, opts: BoundaryOptions): void {
  const n = gt.width * gt.height;
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
  const d = boundaryWidth(gt.width, gt.height, ratio);
  ensureScratch(n, gt.width);
  markBoundary(gt.data, gt.width, gt.height, d, gtEdge);
  markBoundary(pred.data, pred.width, pred.height, d, predEdge);
  const ignored = ignoreTable(opts.ignoreValues ?? []);
  const N = into.numClasses;
  const inter = into.intersection;
  const union = into.union;
  const g = gt.data;
  const p = pred.data;
  const ge = gtEdge;
  const pe = predEdge;
  for (let i = 0; i < n; i++) {
    if ((ge[i] | pe[i]) === 0) continue;
    const gv = g[i];
    if (ignored[gv] === 1) continue;
    const pv = p[i];
    const gIn = ge[i] === 1 && gv < N;
    const pIn = pe[i] === 1 && pv < N;
    if (gIn && pIn && gv === pv) {
      inter[gv]++;
      union[gv]++;
    } else {
      if (gIn) union[gv]++;
      if (pIn) union[pv]++;
    }
  }
}

let lastIgnoreKey = "";
let lastIgnore = new Uint8Array(65536);

function ignoreTable(values: readonly number[]): Uint8Array {
  const key = values.join(",");
  if (key !== lastIgnoreKey) {
    lastIgnore = new Uint8Array(65536);
    for (const v of values) if (Number.isInteger(v) && v >= 0 && v < 65536) lastIgnore[v] = 1;
    lastIgnoreKey = key;
  }
  return lastIgnore;
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
