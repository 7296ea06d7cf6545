import { describe, it, expect } from "vitest";
import { AppError } from "@/lib/errors";
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
 */
function maskToBoundary(mask: Uint8Array, w: number, h: number, d: number): Uint8Array {
  const pw = w + 2;
  const ph = h + 2;
  let cur = new Uint8Array(pw * ph);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) cur[(y + 1) * pw + x + 1] = mask[y * w + x];
  for (let it = 0; it < d; it++) {
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
  for (let k = 0; k < numClasses; k++) {
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
