import { describe, it, expect } from "vitest";
import { AppError } from "@/lib/core/errors";
import { aggregate } from "./aggregate";
import { createBoundaryCounts } from "./boundary";
import { createConfusion, fromSparse } from "./confusion";
import { computeScores } from "./scores";

describe("computeScores", () => {
  it("follows the DESIGN.md formulas, spill in FN only, empty class NaN and out of the means", () => {
    // rows (gt) x cols (pred 0, 1, 2, spill)
    const cm = fromSparse(3, [[0, 0, 5], [0, 1, 1], [0, 3, 2], [1, 0, 2], [1, 1, 3]]);
    const s = computeScores(cm);
    expect(s.perClass[0]).toEqual({ index: 0, iou: 0.5, dice: 10 / 15, precision: 5 / 7, recall: 5 / 8, tp: 5, fp: 2, fn: 3, gtPixels: 8, predPixels: 7 });
    expect(s.perClass[1]).toEqual({ index: 1, iou: 0.5, dice: 6 / 9, precision: 3 / 4, recall: 3 / 5, tp: 3, fp: 1, fn: 2, gtPixels: 5, predPixels: 4 });
    const empty = s.perClass[2];
    for (const v of [empty.iou, empty.dice, empty.precision, empty.recall]) expect(v).toBeNaN();
    expect([empty.tp, empty.fp, empty.fn, empty.gtPixels, empty.predPixels]).toEqual([0, 0, 0, 0, 0]);
    expect(s.miou).toBe(0.5);
    expect(s.mdice).toBeCloseTo(2 / 3, 15);
    expect(s.pixelAccuracy).toBe(8 / 13);
    expect(s.meanClassAccuracy).toBe((5 / 8 + 3 / 5) / 2);
    expect(s.fwIou).toBe((8 / 13) * 0.5 + (5 / 13) * 0.5);
    expect(s.evaluatedPixels).toBe(13);
    expect(s.invalidPredictions).toEqual([2, 0, 0]);
  });

  it("a class only in the prediction has IoU 0 and undefined recall; only in gt: undefined precision", () => {
    const s = computeScores(fromSparse(2, [[0, 1, 3]]));
    expect(s.perClass[0].iou).toBe(0);
    expect(s.perClass[0].precision).toBeNaN();
    expect(s.perClass[0].recall).toBe(0);
    expect(s.perClass[1].iou).toBe(0);
    expect(s.perClass[1].precision).toBe(0);
    expect(s.perClass[1].recall).toBeNaN();
    expect(s.miou).toBe(0);
    expect(s.meanClassAccuracy).toBe(0);
    expect(s.fwIou).toBe(0);
  });

  it("an empty matrix gives NaN everywhere and 0 counts", () => {
    const s = computeScores(createConfusion(4));
    for (const v of [s.miou, s.mdice, s.pixelAccuracy, s.meanClassAccuracy, s.fwIou]) expect(v).toBeNaN();
    expect(s.evaluatedPixels).toBe(0);
  });

  it("all pixels predicted out of range: accuracy 0, IoU 0", () => {
    const s = computeScores(fromSparse(2, [[0, 2, 4], [1, 2, 6]]));
    expect(s.pixelAccuracy).toBe(0);
    expect(s.miou).toBe(0);
    expect(s.invalidPredictions).toEqual([4, 6]);
  });
});

describe("aggregate", () => {
  const a = fromSparse(3, [[0, 0, 6], [0, 1, 2], [1, 1, 2]]); // class 2 absent: NaN
  const b = fromSparse(3, [[0, 0, 1], [2, 2, 3], [2, 1, 1], [2, 3, 1]]); // class 1 only predicted
  const images = [{ name: "a", confusion: a }, { name: "b", confusion: b }];

  it("dataset-level sums the matrices; per-image mean skips undefined values", () => {
    const agg = aggregate(images, 3);
    expect(agg.datasetLevel).toEqual(computeScores(fromSparse(3, [[0, 0, 7], [0, 1, 2], [1, 1, 2], [2, 2, 3], [2, 1, 1], [2, 3, 1]])));
    const ia = { iou0: 6 / 8, iou1: 2 / 4 };
    const ib = { iou0: 1, iou1: 0, iou2: 3 / 5 };
    expect(agg.perImage[0].perClassIou.slice(0, 2)).toEqual([ia.iou0, ia.iou1]);
    expect(agg.perImage[0].perClassIou[2]).toBeNaN();
    expect(agg.perImage[0].miou).toBe((ia.iou0 + ia.iou1) / 2);
    expect(agg.perImage[1].miou).toBeCloseTo((ib.iou0 + ib.iou1 + ib.iou2) / 3, 15);
    expect(agg.perImageMean.perClassIou).toEqual([(ia.iou0 + ib.iou0) / 2, (ia.iou1 + ib.iou1) / 2, ib.iou2]);
    expect(agg.perImageMean.miou).toBe((agg.perImage[0].miou + agg.perImage[1].miou) / 2);
    expect(agg.perImageMean.pixelAccuracy).toBe((8 / 10 + 4 / 6) / 2);
    expect(agg.imagesPresent).toEqual([2, 1, 1]);
    expect(agg.boundary).toBeUndefined();
  });

  it("threshold counts (image, class present in gt or pred) pairs with IoU >= t", () => {
    const agg = aggregate(images, 3);
    // a: class0 0.75 ok, class1 0.5 ok (>=); b: class0 1 ok, class1 0 no, class2 0.6 ok
    expect(agg.threshold).toEqual({ t: 0.5, correct: 4, total: 5, share: 4 / 5, perClass: [{ correct: 2, total: 2 }, { correct: 1, total: 2 }, { correct: 1, total: 1 }] });
    expect(aggregate(images, 3, { iouThreshold: 0.7 }).threshold.correct).toBe(2);
    expect(aggregate([], 3).threshold.share).toBeNaN();
  });

  it("includes boundary IoU only when every image has boundary counts, and checks class counts", () => {
    const bc = createBoundaryCounts(3);
    bc.intersection.set([1, 0, 0]);
    bc.union.set([2, 0, 4]);
    expect(aggregate([{ ...images[0], boundary: bc }, images[1]], 3).boundary).toBeUndefined();
    const both = aggregate([{ ...images[0], boundary: bc }, { ...images[1], boundary: bc }], 3).boundary!;
    expect(both.perClass[0]).toBe(0.5);
    expect(both.perClass[1]).toBeNaN();
    expect(both.perClass[2]).toBe(0);
    expect(both.mean).toBe(0.25);
    expect(() => aggregate([{ name: "x", confusion: createConfusion(2) }], 3)).toThrow(AppError);
  });
});
