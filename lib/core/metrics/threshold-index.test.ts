import { describe, expect, it } from "vitest";
import { aggregate } from "./aggregate";
import { accumulate, createConfusion } from "./confusion";
import { mulberry32 } from "./prng";
import { buildThresholdIndex, imageClassIous, thresholdAt, THRESHOLD_STEPS } from "./threshold-index";

function randomImages(count: number, k: number, seed: number) {
  const next = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const n = 64;
    const gt = new Uint8Array(n);
    const pred = new Uint8Array(n);
    for (let p = 0; p < n; p++) {
      gt[p] = next() % k;
      pred[p] = next() % 4 === 0 ? next() % (k + 1) : gt[p];
    }
    const cm = createConfusion(k);
    accumulate(cm, gt, pred, { numClasses: k });
    return { name: `im${i}`, confusion: cm };
  });
}

describe("threshold recomputation", () => {
  const k = 5;
  const images = randomImages(40, k, 7);
  const index = buildThresholdIndex(k, images.map((i) => imageClassIous(i.confusion)));
  for (const t of [0.05, 0.33, 0.5, 0.62, 0.8, 0.95, ...THRESHOLD_STEPS]) {
    it(`equals a fresh aggregate at t = ${t}`, () => {
      const fresh = aggregate(images, k, { iouThreshold: t }).threshold;
      const again = thresholdAt(index, t);
      expect(again.correct).toBe(fresh.correct);
      expect(again.total).toBe(fresh.total);
      expect(again.perClass).toEqual(fresh.perClass);
      expect(again.share).toBe(fresh.share);
    });
  }
  it("has no pairs without images (share NaN, never 0)", () => {
    const empty = thresholdAt(buildThresholdIndex(3, []), 0.5);
    expect(empty.total).toBe(0);
    expect(empty.share).toBeNaN();
  });
});
