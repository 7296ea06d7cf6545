/**
 * Boundary band maps: markBoundary marks every pixel within the boundary band of its own class in one O(N) pass,
 * and countGeneric, the fallback counting path of accumulateBoundary, counts from two such maps.
 */
import { AppError } from "@/lib/core/errors";
import type { BoundaryCounts } from "./boundary";

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

/**
 * Fallback for d > 63, 16-bit maps with more than 254 classes, or 2^31 pixels and more: full boundary maps from
 * markBoundary, then one counting pass.
 */
export function countGeneric(into: BoundaryCounts, g: Uint8Array | Uint16Array, p: Uint8Array | Uint16Array, width: number, height: number, d: number, ignored: Uint8Array): void {
  const n = width * height;
  ensureScratch(n, width);
  markBoundary(g, width, height, d, gtEdge);
  markBoundary(p, width, height, d, predEdge);
  const N = into.numClasses;
  const inter = into.intersection;
  const union = into.union;
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
