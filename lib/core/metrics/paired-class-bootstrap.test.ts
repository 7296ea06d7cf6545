import { describe, expect, it } from "vitest";
import { bootstrapMiou, pairedBootstrapMiouDiff } from "./bootstrap";
import { fromSparse } from "./confusion";
import { pairedBootstrapClassDiffs } from "./paired-class-bootstrap";

const img = (tp0: number, miss0: number, tp1: number, miss1: number) =>
  fromSparse(3, [[0, 0, tp0], [0, 1, miss0], [1, 1, tp1], [1, 0, miss1]]);

describe("pairedBootstrapClassDiffs", () => {
  const a = [img(90, 10, 50, 50), img(80, 20, 40, 60), img(95, 5, 70, 30), img(60, 40, 30, 70)];
  const b = [img(95, 5, 60, 40), img(85, 15, 55, 45), img(97, 3, 80, 20), img(70, 30, 45, 55)];
  const opts = { resamples: 300, seed: 3 };

  it("gives the same mIoU difference and interval as pairedBootstrapMiouDiff", () => {
    const mine = pairedBootstrapClassDiffs(a, b, opts).miou;
    const theirs = pairedBootstrapMiouDiff(a, b, opts);
    expect(mine.estimate).toBe(theirs.estimate);
    expect(mine.low).toBe(theirs.low);
    expect(mine.high).toBe(theirs.high);
  });

  it("per-class estimates are the dataset-level IoU differences; intervals contain them", () => {
    const r = pairedBootstrapClassDiffs(a, b, opts);
    const ia = bootstrapMiou(a, { resamples: 1 }).perClass;
    const ib = bootstrapMiou(b, { resamples: 1 }).perClass;
    for (const c of [0, 1]) {
      expect(r.perClass[c].estimate).toBeCloseTo(ib[c].estimate - ia[c].estimate, 12);
      expect(r.perClass[c].low).toBeLessThanOrEqual(r.perClass[c].estimate);
      expect(r.perClass[c].high).toBeGreaterThanOrEqual(r.perClass[c].estimate);
      expect(r.perClass[c].estimate).toBeGreaterThan(0);
    }
  });

  it("a class absent everywhere is NaN (undefined), never 0; no shared image gives NaN", () => {
    const r = pairedBootstrapClassDiffs(a, b, opts);
    expect(r.perClass[2].estimate).toBeNaN();
    expect(r.perClass[2].low).toBeNaN();
    const none = pairedBootstrapClassDiffs([], [], opts);
    expect(none.miou.estimate).toBeNaN();
  });

  it("is deterministic for a seed", () => {
    expect(pairedBootstrapClassDiffs(a, b, opts)).toEqual(pairedBootstrapClassDiffs(a, b, opts));
  });
});
