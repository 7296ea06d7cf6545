import { describe, it, expect } from "vitest";
import { AppError } from "@/lib/core/errors";
import { bootstrapMiou, pairedBootstrapMiouDiff, percentileSorted } from "./bootstrap";
import { createConfusion, fromSparse, mergeConfusion, type ConfusionMatrix } from "./confusion";
import { mulberry32, scaleToRange } from "./prng";
import { computeScores } from "./scores";

/** Random per-image matrices; class 2 appears only in image 0 (gt and prediction), so resamples without it leave it out. */
function randomImages(seed: number, n: number): ConfusionMatrix[] {
  const next = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const entries: [number, number, number][] = [];
    for (let g = 0; g < 3; g++) {
      if (g === 2 && i !== 0) continue;
      for (let p = 0; p <= 3; p++) if (p !== 2 || i === 0) entries.push([g, p, (g === p ? 50 : 0) + scaleToRange(next(), 30)]);
    }
    return fromSparse(3, entries);
  });
}

/** numpy's linear percentile in its textbook form a + (b - a) * g on the sorted non-NaN values. */
function plainPercentile(values: number[], pct: number): number {
  const s = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  const pos = (pct / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** The definition, slowly: redraw the same indices, merge whole matrices, score them with computeScores. */
function slowBootstrap(images: ConfusionMatrix[], resamples: number, seed: number) {
  const next = mulberry32(seed);
  const miou: number[] = [];
  const perClass: number[][] = [[], [], []];
  for (let r = 0; r < resamples; r++) {
    const sum = createConfusion(3);
    for (let j = 0; j < images.length; j++) mergeConfusion(sum, images[scaleToRange(next(), images.length)]);
    const s = computeScores(sum);
    miou.push(s.miou);
    s.perClass.forEach((c, k) => perClass[k].push(c.iou));
  }
  return { miou, perClass };
}

describe("percentile", () => {
  it("matches numpy's linear method", () => {
    expect(percentileSorted([1, 2, 3, 4], 2.5)).toBeCloseTo(1.075, 14);
    expect(percentileSorted([1, 2, 3, 4], 97.5)).toBeCloseTo(3.925, 14);
    expect(percentileSorted([0, 10], 50)).toBe(5);
    expect(percentileSorted([3], 2.5)).toBe(3);
    expect(percentileSorted([1, 5], 100)).toBe(5);
    expect(percentileSorted([], 50)).toBeNaN();
  });
});

describe("bootstrapMiou", () => {
  const images = randomImages(5, 23);

  it("equals the slow definition (same draws, whole matrices merged and scored)", () => {
    const res = bootstrapMiou(images, { resamples: 300, seed: 17 });
    const slow = slowBootstrap(images, 300, 17);
    const all = createConfusion(3);
    for (const im of images) mergeConfusion(all, im);
    const est = computeScores(all);
    expect(res.miou.estimate).toBeCloseTo(est.miou, 12);
    expect(res.miou.low).toBeCloseTo(plainPercentile(slow.miou, 2.5), 12);
    expect(res.miou.high).toBeCloseTo(plainPercentile(slow.miou, 97.5), 12);
    for (let k = 0; k < 3; k++) {
      expect(res.perClass[k].estimate).toBeCloseTo(est.perClass[k].iou, 12);
      expect(res.perClass[k].low).toBeCloseTo(plainPercentile(slow.perClass[k], 2.5), 12);
      expect(res.perClass[k].high).toBeCloseTo(plainPercentile(slow.perClass[k], 97.5), 12);
    }
    expect(slow.perClass[2].some((v) => Number.isNaN(v))).toBe(true);
    expect(res.miou.low).toBeLessThan(res.miou.estimate);
    expect(res.miou.high).toBeGreaterThan(res.miou.estimate);
    expect({ resamples: res.resamples, seed: res.seed, confidence: res.confidence }).toEqual({ resamples: 300, seed: 17, confidence: 0.95 });
  });

  it("is deterministic for a seed and changes with it; confidence widens the interval", () => {
    const a = bootstrapMiou(images, { resamples: 200, seed: 3 });
    expect(bootstrapMiou(images, { resamples: 200, seed: 3 })).toEqual(a);
    expect(bootstrapMiou(images, { resamples: 200, seed: 4 }).miou.low).not.toBe(a.miou.low);
    const wide = bootstrapMiou(images, { resamples: 200, seed: 3, confidence: 0.99 });
    expect(wide.miou.high - wide.miou.low).toBeGreaterThan(a.miou.high - a.miou.low);
    expect(bootstrapMiou(images).resamples).toBe(1000);
  });

  it("one image gives the estimate and no interval (NaN, not a zero-width one); no images gives NaN", () => {
    const one = bootstrapMiou(images.slice(0, 1), { resamples: 50 });
    expect(one.miou.estimate).toBeGreaterThan(0);
    expect(one.miou.low).toBeNaN();
    expect(one.miou.high).toBeNaN();
    expect(one.perClass.every((c) => Number.isNaN(c.low) && Number.isNaN(c.high))).toBe(true);
    const pair = pairedBootstrapMiouDiff(images.slice(0, 1), images.slice(1, 2), { resamples: 50 });
    expect(Number.isFinite(pair.estimate)).toBe(true);
    expect([pair.low, pair.high, pair.signFlipShare]).toEqual([NaN, NaN, NaN]);
    expect(bootstrapMiou(images.slice(0, 2), { resamples: 50 }).miou.low).not.toBeNaN();
    const none = bootstrapMiou([], { resamples: 50 });
    expect(none.miou.estimate).toBeNaN();
    expect(none.miou.low).toBeNaN();
  });

  it("rejects bad options and mixed class counts", () => {
    expect(() => bootstrapMiou(images, { resamples: 0 })).toThrow(AppError);
    expect(() => bootstrapMiou(images, { resamples: 1.5 })).toThrow(AppError);
    expect(() => bootstrapMiou(images, { confidence: 1 })).toThrow(AppError);
    expect(() => bootstrapMiou(images, { seed: 0.5 })).toThrow(AppError);
    expect(() => bootstrapMiou([createConfusion(3), createConfusion(2)])).toThrow(AppError);
  });
});

describe("pairedBootstrapMiouDiff", () => {
  const a = randomImages(8, 30);
  const better = a.map((cm) => {
    const c = fromSparse(3, []);
    c.counts.set(cm.counts);
    for (let k = 0; k < 3; k++) c.counts[k * 4 + k] += 40;
    return c;
  });

  it("uses the same draws for both and equals the slow definition", () => {
    const res = pairedBootstrapMiouDiff(a, better, { resamples: 200, seed: 9 });
    const sa = slowBootstrap(a, 200, 9);
    const sb = slowBootstrap(better, 200, 9);
    const diffs = sb.miou.map((v, i) => v - sa.miou[i]);
    expect(res.estimate).toBeCloseTo(bootstrapMiou(better, { resamples: 1 }).miou.estimate - bootstrapMiou(a, { resamples: 1 }).miou.estimate, 12);
    expect(res.low).toBeCloseTo(plainPercentile(diffs, 2.5), 12);
    expect(res.high).toBeCloseTo(plainPercentile(diffs, 97.5), 12);
    expect(res.low).toBeGreaterThan(0);
    expect(res.signFlipShare).toBe(diffs.filter((d) => d <= 0).length / diffs.length);
    expect(res.signFlipShare).toBe(0);
    expect(res.resamples).toBe(200);
  });

  it("sign flips: the reverse comparison, a tie, and a noisy pair", () => {
    const rev = pairedBootstrapMiouDiff(better, a, { resamples: 100 });
    expect(rev.high).toBeLessThan(0);
    expect(rev.signFlipShare).toBe(0);
    const tie = pairedBootstrapMiouDiff(a, a, { resamples: 100 });
    expect([tie.estimate, tie.low, tie.high, tie.signFlipShare]).toEqual([0, 0, 0, 1]);
    const noisy = pairedBootstrapMiouDiff(a, randomImages(9, 30), { resamples: 400, seed: 1 });
    const sa = slowBootstrap(a, 400, 1);
    const sb = slowBootstrap(randomImages(9, 30), 400, 1);
    const sign = Math.sign(noisy.estimate);
    const flips = sb.miou.filter((v, i) => Math.sign(v - sa.miou[i]) !== sign).length;
    expect(noisy.signFlipShare).toBe(flips / 400);
  });

  it("rejects evaluations of different lengths or class counts", () => {
    expect(() => pairedBootstrapMiouDiff(a, a.slice(1))).toThrow(AppError);
    expect(() => pairedBootstrapMiouDiff([createConfusion(3)], [createConfusion(2)])).toThrow(AppError);
  });
});
