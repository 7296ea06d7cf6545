import { describe, expect, it } from "vitest";
import { buildThresholdIndex } from "@/lib/core/metrics/threshold-index";
import { confusionImages } from "./confusion";
import type { ImageIndex, IndexedImage } from "./image-index";

/** A 2-class index where image i has i+1 pixels of class 0 predicted as 1 (and image 0 none), so the order is known. */
function fakeIndex(count: number): ImageIndex {
  const images = Array.from({ length: count }, (_, i): IndexedImage => {
    const sparse: [number, number, number][] = [[0, 0, 100]];
    if (i > 0) sparse.push([0, 1, i]);
    return { sampleId: `s${i}`, name: `img-${String(i).padStart(3, "0")}`, tags: [], miou: 0.5, pixelAccuracy: 0.9, ious: new Float64Array([0.5, 0.5]), gtPixels: new Float64Array([100 + (i > 0 ? i : 0), 0]), sparse };
  });
  return {
    evaluationId: "e",
    numClasses: 2,
    classes: [],
    summary: null,
    images,
    tags: [],
    threshold: buildThresholdIndex(2, images.map((im) => im.ious)),
  };
}

describe("confusionImages", () => {
  const index = fakeIndex(47); // 46 images have class 0 predicted as 1

  it("says how many images have the confusion, beyond the first slice", () => {
    const first = confusionImages(index, { gt: 0, pred: 1 });
    expect(first.total).toBe(46);
    expect(first.items).toHaveLength(12);
    expect(first.items.map((i) => i.pixels).slice(0, 3)).toEqual([46, 45, 44]);
  });

  it("pages with skip/take: the slices join up to every image, in order, once", () => {
    const slices = [0, 12, 24, 36].map((skip) => confusionImages(index, { gt: 0, pred: 1, skip, take: 12 }));
    expect(slices.map((s) => s.items.length)).toEqual([12, 12, 12, 10]);
    const pixels = slices.flatMap((s) => s.items.map((i) => i.pixels));
    expect(pixels).toEqual(Array.from({ length: 46 }, (_, i) => 46 - i));
    expect(confusionImages(index, { gt: 0, pred: 1, skip: 46 }).items).toEqual([]);
  });

  it("a cell nobody has: total 0", () => {
    expect(confusionImages(index, { gt: 1, pred: 0 })).toMatchObject({ total: 0, items: [] });
  });
});
