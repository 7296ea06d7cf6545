import { describe, it, expect } from "vitest";
import { AppError } from "@/lib/core/errors";
import {
  accumulateBoundary,
  boundaryIou,
  boundaryWidth,
  createBoundaryCounts,
  markBoundary,
  mergeBoundary,
  type LabelMapLike,
} from "./boundary";
import { mulberry32, scaleToRange } from "./prng";

/**
 * The official mask_to_boundary written out plainly: pad the binary mask with
 * one ring of zeros, erode d times with a 3x3 kernel (outside the padded
 * array counts as 1, as cv2.erode's default border), crop, mask AND NOT eroded.
 * (Stops early once nothing is left: eroding an empty mask changes nothing.)
 */
function maskToBoundary(mask: Uint8Array, w: number, h: number, d: number): Uint8Array {
  const pw = w + 2;
  const ph = h + 2;
  let cur = new Uint8Array(pw * ph);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) cur[(y + 1) * pw + x + 1] = mask[y * w + x];
  for (let it = 0; it < d && cur.includes(1); it++) {
    const nxt = new Uint8Array(pw * ph);
    for (let y = 0; y < ph; y++) {
      for (let x = 0; x < pw; x++) {
        let v = 1;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            if (yy >= 0 && yy < ph && xx >= 0 && xx < pw && cur[yy * pw + xx] === 0) v = 0;
          }
        }
        nxt[y * pw + x] = v;
      }
    }
    cur = nxt;
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = mask[y * w + x] && !cur[(y + 1) * pw + x + 1] ? 1 : 0;
  return out;
}

function bruteBoundaryCounts(gt: LabelMapLike, pred: LabelMapLike, numClasses: number, ignore: number[], d: number) {
  const { width: w, height: h } = gt;
  const inter = new Array(numClasses).fill(0);
  const union = new Array(numClasses).fill(0);
  const present = new Set([...gt.data, ...pred.data]);
  for (let k = 0; k < numClasses; k++) {
    if (!present.has(k)) continue;
    const gb = maskToBoundary(Uint8Array.from(gt.data, (v) => (v === k ? 1 : 0)), w, h, d);
    const pb = maskToBoundary(Uint8Array.from(pred.data, (v) => (v === k ? 1 : 0)), w, h, d);
    for (let i = 0; i < w * h; i++) {
      if (ignore.includes(gt.data[i])) continue;
      if (gb[i] && pb[i]) inter[k]++;
      if (gb[i] || pb[i]) union[k]++;
    }
  }
  return { inter, union };
}

/** Random blobs: a background class plus rectangles and discs of random classes (some touching the border). */
function blobs(next: () => number, w: number, h: number, values: number): Uint8Array {
  const a = new Uint8Array(w * h).fill(scaleToRange(next(), values));
  const count = 1 + scaleToRange(next(), 6);
  for (let b = 0; b < count; b++) {
    const v = scaleToRange(next(), values);
    const cx = scaleToRange(next(), w);
    const cy = scaleToRange(next(), h);
    const r = 1 + scaleToRange(next(), Math.max(1, Math.min(w, h)));
    const disc = next() % 2 === 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const inside = disc ? (x - cx) ** 2 + (y - cy) ** 2 < r * r : Math.abs(x - cx) < r && Math.abs(y - cy) < r / 2;
        if (inside) a[y * w + x] = v;
      }
    }
  }
  return a;
}

function check(gt: LabelMapLike, pred: LabelMapLike, numClasses: number, ignore: number[], ratio: number): void {
  const d = boundaryWidth(gt.width, gt.height, ratio);
  const counts = createBoundaryCounts(numClasses);
  accumulateBoundary(counts, gt, pred, { numClasses, ignoreValues: ignore, dilationRatio: ratio });
  const want = bruteBoundaryCounts(gt, pred, numClasses, ignore, d);
  expect(Array.from(counts.intersection)).toEqual(want.inter);
  expect(Array.from(counts.union)).toEqual(want.union);
}

const map = (width: number, height: number, data: ArrayLike<number>, wide = false): LabelMapLike => ({
  width,
  height,
  data: wide ? Uint16Array.from(data) : Uint8Array.from(data),
});

describe("boundary width", () => {
  it("is max(1, round(ratio * diagonal)) with Python's round half to even", () => {
    expect(boundaryWidth(480, 360)).toBe(12);
    expect(boundaryWidth(1920, 1080)).toBe(44);
    expect(boundaryWidth(3, 4, 0.5)).toBe(2);
    expect(boundaryWidth(3, 4, 1.5)).toBe(8);
    expect(boundaryWidth(3, 4, 0.3)).toBe(2);
    expect(boundaryWidth(1, 1)).toBe(1);
    expect(boundaryWidth(10, 10, 0)).toBe(1);
  });
});

describe("boundary IoU vs brute-force erosion", () => {
  it("random blobs, many sizes and widths, 8- and 16-bit, void pixels", () => {
    const next = mulberry32(2024);
    const sizes: [number, number][] = [[1, 1], [1, 9], [9, 1], [2, 2], [5, 3], [12, 7], [31, 17], [40, 40], [64, 23]];
    for (const [w, h] of sizes) {
      for (const ratio of [0.02, 0.05, 0.1, 0.3]) {
        const gt = blobs(next, w, h, 5);
        const pred = blobs(next, w, h, 6);
        check(map(w, h, gt), map(w, h, pred), 5, [4], ratio);
        check(map(w, h, gt, true), map(w, h, pred, true), 4, [4, 5], ratio);
      }
    }
  });

  it("pure noise and a perfect prediction", () => {
    const next = mulberry32(7);
    const w = 23;
    const h = 19;
    const noise = Uint8Array.from({ length: w * h }, () => scaleToRange(next(), 3));
    check(map(w, h, noise), map(w, h, noise), 3, [], 0.05);
    const counts = createBoundaryCounts(3);
    accumulateBoundary(counts, map(w, h, noise), map(w, h, noise), { numClasses: 3 });
    expect(boundaryIou(counts).mean).toBe(1);
  });

  it("edge cases: class touching the border, single pixels, d larger than the image", () => {
    const w = 9;
    const h = 7;
    const border = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < 3; x++) border[y * w + x] = 1;
    const single = new Uint8Array(w * h);
    single[3 * w + 4] = 2;
    single[0] = 1;
    for (const ratio of [0.02, 0.1, 0.2, 2]) {
      check(map(w, h, border), map(w, h, single), 3, [], ratio);
      check(map(w, h, single), map(w, h, border), 3, [], ratio);
    }
    const counts = createBoundaryCounts(3);
    accumulateBoundary(counts, map(w, h, border), map(w, h, border), { numClasses: 3, dilationRatio: 2 });
    expect(Array.from(counts.union)).toEqual([w * h - 3 * h, 3 * h, 0]);
  });

  it("one pass marks exactly the union of the per-class boundaries", () => {
    const next = mulberry32(11);
    for (let rep = 0; rep < 10; rep++) {
      const w = 5 + scaleToRange(next(), 40);
      const h = 5 + scaleToRange(next(), 40);
      const d = 1 + scaleToRange(next(), 6);
      const m = blobs(next, w, h, 4);
      const out = new Uint8Array(w * h);
      markBoundary(m, w, h, d, out);
      const want = new Uint8Array(w * h);
      for (let k = 0; k < 4; k++) {
        const b = maskToBoundary(Uint8Array.from(m, (v) => (v === k ? 1 : 0)), w, h, d);
        for (let i = 0; i < w * h; i++) want[i] |= b[i];
      }
      expect(Array.from(out)).toEqual(Array.from(want));
    }
  });
});

/** A copy of `data` starting `shift` bytes into its buffer: rows are not 4-byte aligned when shift % 4 != 0. */
function shifted(data: Uint8Array, shift: number): Uint8Array {
  const buf = new Uint8Array(data.length + shift);
  buf.set(data, shift);
  return buf.subarray(shift);
}

/** Blobs plus, at random, a noise patch, horizontal bands (long column runs) and narrow vertical stripes. */
function scene(next: () => number, w: number, h: number, values: number): Uint8Array {
  const a = blobs(next, w, h, values);
  const r = (n: number) => scaleToRange(next(), Math.max(1, n));
  if (next() % 2 === 0) {
    const x0 = r(w), y0 = r(h), x1 = x0 + 1 + r(w / 3), y1 = y0 + 1 + r(h / 3);
    for (let y = y0; y < Math.min(h, y1); y++) for (let x = x0; x < Math.min(w, x1); x++) a[y * w + x] = r(values);
  }
  if (next() % 2 === 0) {
    for (let y = r(h), v = r(values); y < h; y += 1 + r(h / 2), v = r(values)) {
      const end = Math.min(h, y + 1 + r(h / 2));
      a.fill(v, y * w, end * w);
      y = end;
    }
  }
  if (next() % 2 === 0) {
    const x0 = r(w), width = 1 + r(4), v = r(values), y0 = r(h), y1 = y0 + r(h);
    for (let y = y0; y < Math.min(h, y1); y++) for (let x = x0; x < w; x += 2 * width) a.fill(v, y * w + x, y * w + Math.min(w, x + width));
  }
  return a;
}

/** Per-pixel counting over markBoundary's maps (itself checked against brute force above). */
function countOverMarked(gt: LabelMapLike, pred: LabelMapLike, numClasses: number, ignore: number[], d: number) {
  const { width: w, height: h } = gt;
  const ge = new Uint8Array(w * h);
  const pe = new Uint8Array(w * h);
  markBoundary(gt.data, w, h, d, ge);
  markBoundary(pred.data, w, h, d, pe);
  const inter = new Array(numClasses).fill(0);
  const union = new Array(numClasses).fill(0);
  for (let i = 0; i < w * h; i++) {
    const gv = gt.data[i];
    const pv = pred.data[i];
    if (ignore.includes(gv)) continue;
    const gIn = ge[i] === 1 && gv < numClasses;
    const pIn = pe[i] === 1 && pv < numClasses;
    if (gIn && pIn && gv === pv) inter[gv]++;
    if (gIn) union[gv]++;
    if (pIn && !(gIn && gv === pv)) union[pv]++;
  }
  return { inter, union };
}

describe("boundary IoU: sizes, layouts and label types", () => {
  it("random sizes, class counts and ignore values; 8-bit aligned and unaligned, 16-bit, mixed", () => {
    const next = mulberry32(99);
    for (let rep = 0; rep < 80; rep++) {
      const w = 1 + scaleToRange(next(), 45);
      const h = 1 + scaleToRange(next(), 45);
      const values = 1 + scaleToRange(next(), 8);
      const numClasses = 1 + scaleToRange(next(), 7);
      const ignore = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter(() => next() % 5 === 0);
      const ratio = [0, 0.02, 0.05, 0.1, 0.2, 0.6][scaleToRange(next(), 6)];
      const gt = scene(next, w, h, values);
      const pred = scene(next, w, h, values);
      const shift = 1 + (rep % 3);
      const layouts: [LabelMapLike, LabelMapLike][] = [
        [map(w, h, gt), map(w, h, pred)],
        [{ width: w, height: h, data: shifted(gt, shift) }, { width: w, height: h, data: shifted(pred, 4 - shift) }],
        [map(w, h, gt, true), map(w, h, pred, true)],
        [{ width: w, height: h, data: shifted(gt, shift) }, map(w, h, pred, true)],
      ];
      const [g, p] = layouts[rep % 4];
      check(g, p, numClasses, ignore, ratio);
    }
  });

  it("1xN, Nx1 and maps no wider or taller than the boundary window", () => {
    const next = mulberry32(3);
    const sizes: [number, number][] = [[3, 3], [4, 3], [3, 40], [40, 3], [5, 5], [7, 6], [7, 7], [7, 30], [30, 7], [9, 9]];
    for (let n = 1; n <= 9; n++) sizes.push([1, n], [n, 1]);
    for (const [w, h] of sizes) {
      for (const ratio of [0, 0.2, 0.3]) {
        const gt = scene(next, w, h, 3);
        const pred = scene(next, w, h, 3);
        check(map(w, h, gt), map(w, h, pred), 3, [2], ratio);
        check(map(w, h, new Uint8Array(w * h)), map(w, h, new Uint8Array(w * h).fill(1)), 3, [], ratio);
      }
    }
  });

  it("tall regions: column counters saturate, reset and saturate again", () => {
    const next = mulberry32(17);
    const w = 37;
    const h = 160;
    for (const ratio of [0, 0.02, 0.05]) {
      const gt = new Uint8Array(w * h);
      for (let y = 0; y < h; ) {
        const end = Math.min(h, y + 1 + scaleToRange(next(), 40));
        gt.fill(scaleToRange(next(), 4), y * w, end * w);
        for (let yy = y; yy < end; yy++) gt[yy * w + 10 + scaleToRange(next(), 3)] = 4;
        y = end;
      }
      const pred = new Uint8Array(w * h);
      pred.set(gt.subarray(w), 0);
      for (let y = 50; y < 90; y++) pred.fill(2, y * w + 20, y * w + 26);
      check(map(w, h, gt), map(w, h, pred), 5, [3], ratio);
      check(map(w, h, gt, true), map(w, h, gt), 5, [], ratio);
    }
  });

  it("16-bit labels beyond 255: spill values in both maps, an ignore value above 255, a class that is also ignored", () => {
    const next = mulberry32(5);
    const gtValues = [0, 1, 2, 3, 300, 65535];
    const predValues = [0, 1, 2, 3, 1000, 256];
    for (const [w, h] of [[13, 11], [32, 20], [7, 30]]) {
      const gt = Uint16Array.from(scene(next, w, h, 6), (v) => gtValues[v]);
      const pred = Uint16Array.from(scene(next, w, h, 6), (v) => predValues[v]);
      for (const ratio of [0, 0.05, 0.15]) {
        check({ width: w, height: h, data: gt }, { width: w, height: h, data: pred }, 4, [65535, 2], ratio);
        check({ width: w, height: h, data: gt }, { width: w, height: h, data: pred }, 4, [300], ratio);
      }
    }
  });

  it("more than 254 classes with 16-bit labels", () => {
    const next = mulberry32(8);
    const values = [0, 5, 299, 300, 2000];
    const w = 24;
    const h = 19;
    const gt = Uint16Array.from(scene(next, w, h, 5), (v) => values[v]);
    const pred = Uint16Array.from(scene(next, w, h, 5), (v) => values[v]);
    for (const ratio of [0, 0.1]) check({ width: w, height: h, data: gt }, { width: w, height: h, data: pred }, 300, [5], ratio);
  });

  it("d = 63 (largest for the one-pass sweep) and d = 64", () => {
    const w = 130;
    const h = 130;
    const diag = Math.sqrt(w * w + h * h);
    const gt = new Uint8Array(w * h);
    const pred = new Uint8Array(w * h);
    for (let y = 0; y < 6; y++) {
      gt.fill(1, y * w, y * w + 9);
      pred.fill(2, (h - 1 - y) * w + 120, (h - y) * w);
    }
    pred[65 * w + 64] = 1;
    for (const d of [63, 64]) {
      expect(boundaryWidth(w, h, d / diag)).toBe(d);
      check(map(w, h, gt), map(w, h, pred), 3, [], d / diag);
      check(map(w, h, pred), map(w, h, gt), 3, [], d / diag);
    }
  });

  it("scratch is reused across calls whose sizes grow and shrink", () => {
    const next = mulberry32(21);
    const sizes: [number, number, number][] = [[40, 30, 0.05], [9, 5, 0], [64, 33, 0.1], [3, 50, 0.02], [41, 29, 0.03], [8, 8, 0]];
    for (const [w, h, ratio] of sizes) check(map(w, h, scene(next, w, h, 4)), map(w, h, scene(next, w, h, 4)), 4, [3], ratio);
  });

  it("many random maps (every width mod 4, d from 1 to about 20, windows as wide as the map) agree with counting over markBoundary", () => {
    const next = mulberry32(404);
    for (let rep = 0; rep < 60; rep++) {
      const w = 1 + scaleToRange(next(), 130);
      const h = 1 + scaleToRange(next(), 90);
      const ratio = [0, 0.01, 0.02, 0.05, 0.1, 0.15][scaleToRange(next(), 6)];
      const values = 2 + scaleToRange(next(), 7);
      const gt = scene(next, w, h, values);
      const pred = scene(next, w, h, values);
      const ignore = next() % 2 === 0 ? [values - 1] : [];
      const numClasses = Math.max(1, values - 1 - scaleToRange(next(), 2));
      const want = countOverMarked(map(w, h, gt), map(w, h, pred), numClasses, ignore, boundaryWidth(w, h, ratio));
      const counts = createBoundaryCounts(numClasses);
      accumulateBoundary(counts, map(w, h, gt), { width: w, height: h, data: shifted(pred, 1 + (rep % 3)) }, { numClasses, ignoreValues: ignore, dilationRatio: ratio });
      expect(Array.from(counts.intersection), `case ${rep}: ${w}x${h} ratio ${ratio}`).toEqual(want.inter);
      expect(Array.from(counts.union), `case ${rep}: ${w}x${h} ratio ${ratio}`).toEqual(want.union);
    }
  });

  it("larger maps agree with counting over markBoundary, in every layout", () => {
    const next = mulberry32(77);
    for (const [w, h] of [[301, 207], [256, 180], [97, 400]]) {
      const gt = scene(next, w, h, 9);
      const pred = scene(next, w, h, 9);
      for (const ratio of [0, 0.01, 0.03, 0.08]) {
        const d = boundaryWidth(w, h, ratio);
        const want = countOverMarked(map(w, h, gt), map(w, h, pred), 7, [8, 3], d);
        const layouts: [LabelMapLike, LabelMapLike][] = [
          [map(w, h, gt), map(w, h, pred)],
          [{ width: w, height: h, data: shifted(gt, 3) }, { width: w, height: h, data: shifted(pred, 2) }],
          [map(w, h, gt, true), map(w, h, pred, true)],
        ];
        for (const [g, p] of layouts) {
          const counts = createBoundaryCounts(7);
          accumulateBoundary(counts, g, p, { numClasses: 7, ignoreValues: [8, 3], dilationRatio: ratio });
          expect(Array.from(counts.intersection)).toEqual(want.inter);
          expect(Array.from(counts.union)).toEqual(want.union);
        }
      }
    }
  });
});

describe("boundary counts", () => {
  it("add up over images and validate inputs", () => {
    const a = createBoundaryCounts(2);
    const b = createBoundaryCounts(2);
    a.intersection.set([1, 2]);
    a.union.set([2, 4]);
    b.intersection.set([3, 0]);
    b.union.set([6, 0]);
    mergeBoundary(a, b);
    expect(boundaryIou(a)).toEqual({ perClass: [0.5, 0.5], mean: 0.5 });
    expect(boundaryIou(createBoundaryCounts(2)).mean).toBeNaN();
    expect(() => mergeBoundary(a, createBoundaryCounts(3))).toThrow(AppError);
    expect(() => accumulateBoundary(a, map(2, 2, [0, 0, 0, 0]), map(2, 1, [0, 0]), { numClasses: 2 })).toThrow(/2x2.*2x1/);
    expect(() => accumulateBoundary(a, map(1, 1, [0]), map(1, 1, [0]), { numClasses: 3 })).toThrow(AppError);
  });
});
