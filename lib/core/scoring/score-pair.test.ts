import { describe, it, expect } from "vitest";
import { AppError } from "@/lib/core/errors";
import { accumulateBoundary, createBoundaryCounts, type LabelMapLike } from "../metrics/boundary";
import { mulberry32, scaleToRange } from "../metrics/prng";
import { createScorePairScratch, scorePair, type ScorePairOptions } from "./score-pair";

const grid = (w: number, h: number, values: number[], wide = false): LabelMapLike => {
  if (values.length !== w * h) throw new Error(`grid: ${values.length} values for ${w}x${h}`);
  return { width: w, height: h, data: wide ? Uint16Array.from(values) : Uint8Array.from(values) };
};
const base = (over: Partial<ScorePairOptions> = {}): ScorePairOptions => ({
  numClasses: 2, ignoreValues: [255], boundary: true, gtName: "gt/a.png", predName: "pred/a.png", ...over,
});
const caught = (f: () => unknown): AppError => {
  try {
    f();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
};

// 5x5, d = max(1, round(0.02 * 7.07)) = 1. gt: class 0 except the bottom-right corner; pred: class 0 except the top-left corner.
const corner = (at: number) => Array.from({ length: 25 }, (_, i) => (i === at ? 1 : 0));
const HAND_GT = grid(5, 5, corner(24));
const HAND_PRED = grid(5, 5, corner(0));

describe("scorePair", () => {
  it("scores a hand-checked 5x5 pair (also checked with numpy bincount and mask_to_boundary)", () => {
    const r = scorePair(HAND_GT, HAND_PRED, base());
    expect(Array.from(r.confusion.counts)).toEqual([23, 1, 0, 1, 0, 0]);
    expect(r.sparse).toEqual([[0, 0, 23], [0, 1, 1], [1, 0, 1]]);
    expect(r.scores.perClass.map((c) => c.iou)).toEqual([23 / 25, 0]);
    expect(r.scores.perClass[0].dice).toBeCloseTo(46 / 48, 15);
    expect(r.scores.miou).toBeCloseTo(0.46, 15);
    expect(r.scores.pixelAccuracy).toBeCloseTo(0.92, 15);
    expect(r.scores.evaluatedPixels).toBe(25);
    // Class 0: both boundaries are the border ring minus one corner, plus the interior pixel next to the other corner.
    expect(Array.from(r.boundary.intersection)).toEqual([14, 0]);
    expect(Array.from(r.boundary.union)).toEqual([18, 2]);
  });

  it("leaves the boundary counts at zero when boundary is off, with the same confusion and scores", () => {
    const on = scorePair(HAND_GT, HAND_PRED, base());
    const scratch = createScorePairScratch(2);
    scorePair(HAND_GT, HAND_PRED, base(), scratch);
    const off = scorePair(HAND_GT, HAND_PRED, base({ boundary: false }), scratch);
    expect(Array.from(off.boundary.intersection)).toEqual([0, 0]);
    expect(Array.from(off.boundary.union)).toEqual([0, 0]);
    expect(off.sparse).toEqual(on.sparse);
    expect(off.scores).toEqual(on.scores);
  });

  it("names both files and sizes when they differ", () => {
    const error = caught(() => scorePair(grid(2, 2, [0, 0, 0, 0]), grid(2, 1, [0, 0]), base()));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe("pred/a.png: size 2x1 differs from gt/a.png (2x2); both must have the same size");
  });

  it("names the ground-truth file, the bad values and their pixel counts", () => {
    const gt = grid(3, 2, [0, 9, 7, 7, 255, 7]);
    const error = caught(() => scorePair(gt, grid(3, 2, [0, 0, 0, 0, 0, 0]), base({ gtName: "gt/b.png" })));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe("gt/b.png: ground truth has values outside the 2 classes: 7 (3 px), 9 (1 px)");
  });

  it("counts predictions outside the class list (an ignore value included) in the spill column, not as an error", () => {
    const r = scorePair(grid(5, 1, [0, 1, 255, 1, 0]), grid(5, 1, [0, 7, 0, 1, 255]), base({ boundary: false }));
    expect(r.sparse).toEqual([[0, 0, 1], [0, 2, 1], [1, 1, 1], [1, 2, 1]]);
    expect(r.scores.evaluatedPixels).toBe(4);
    expect(r.scores.invalidPredictions).toEqual([1, 1]);
    expect(r.scores.perClass.map((c) => c.iou)).toEqual([0.5, 0.5]);
  });

  it("maps predictions through predLut for the confusion and for the boundary", () => {
    // Model classes 5 -> 0, 3 -> 1, 4 -> none; values past the table are outside the class list too.
    const lut = new Int32Array(6).fill(-1);
    lut[5] = 0;
    lut[3] = 1;
    const raw = corner(0).map((v) => (v === 1 ? 3 : 5));
    const withLut = scorePair(HAND_GT, grid(5, 5, raw), base({ predLut: lut }));
    const premapped = scorePair(HAND_GT, HAND_PRED, base());
    expect(withLut.sparse).toEqual(premapped.sparse);
    expect(Array.from(withLut.boundary.intersection)).toEqual([14, 0]);
    expect(Array.from(withLut.boundary.union)).toEqual([18, 2]);

    const spilled = scorePair(grid(4, 1, [0, 0, 1, 1]), grid(4, 1, [4, 200, 3, 5]), base({ predLut: lut }));
    expect(spilled.sparse).toEqual([[0, 2, 2], [1, 0, 1], [1, 1, 1]]);
  });

  it("agrees on random maps with a plain count and boundary counts on a 16-bit LUT-mapped copy", () => {
    const next = mulberry32(7);
    const cases = [
      { numClasses: 5, lutSize: 12, maxPred: 15, wide: false },
      { numClasses: 300, lutSize: 400, maxPred: 420, wide: true },
    ];
    const scratches = new Map(cases.map((c) => [c.numClasses, createScorePairScratch(c.numClasses)]));
    for (let trial = 0; trial < 12; trial++) {
      const c = cases[trial % 2];
      const [w, h] = [20 + scaleToRange(next(), 60), 10 + scaleToRange(next(), 40)];
      const n = w * h;
      const gtValues: number[] = [];
      const predValues: number[] = [];
      for (let i = 0; i < n; i++) {
        // Blocky maps so that boundaries are not everywhere.
        const block = ((Math.floor((i % w) / 6) * 31 + Math.floor(i / w / 5) * 17) >>> 0) % 7;
        gtValues.push(next() % 9 === 0 ? 255 : (block + trial) % c.numClasses);
        predValues.push(next() % 5 === 0 ? scaleToRange(next(), c.maxPred) : (block * 3 + trial) % c.maxPred);
      }
      const gt = grid(w, h, gtValues, c.wide);
      const pred = grid(w, h, predValues, c.wide);
      const lut = Int32Array.from({ length: c.lutSize }, () => scaleToRange(next(), c.numClasses + 3) - 1);
      const opts = base({ numClasses: c.numClasses, predLut: lut });
      const r = scorePair(gt, pred, opts, scratches.get(c.numClasses));

      const cols = c.numClasses + 1;
      const mapped = new Uint16Array(n);
      const expected = new Float64Array(c.numClasses * cols);
      for (let i = 0; i < n; i++) {
        const m = predValues[i] < lut.length ? lut[predValues[i]] : -1;
        mapped[i] = m >= 0 && m < c.numClasses ? m : c.numClasses;
        if (gtValues[i] !== 255) expected[gtValues[i] * cols + mapped[i]]++;
      }
      expect(Array.from(r.confusion.counts)).toEqual(Array.from(expected));
      const boundary = createBoundaryCounts(c.numClasses);
      accumulateBoundary(boundary, gt, { width: w, height: h, data: mapped }, opts);
      expect(r.boundary.intersection).toEqual(boundary.intersection);
      expect(r.boundary.union).toEqual(boundary.union);
    }
  });

  it("reuses its scratch: the result lives in it, and a failed pair leaves nothing behind", () => {
    const scratch = createScorePairScratch(2);
    const lut = Int32Array.of(0, 1);
    const first = scorePair(HAND_GT, HAND_PRED, base({ predLut: lut }), scratch);
    expect(first.confusion).toBe(scratch.confusion);
    expect(first.boundary).toBe(scratch.boundary);
    expect(() => scorePair(grid(2, 1, [0, 5]), grid(2, 1, [0, 0]), base(), scratch)).toThrow(/gt\/a\.png: ground truth has values outside the 2 classes: 5 \(1 px\)/);
    const again = scorePair(grid(3, 1, [0, 1, 1]), grid(3, 1, [1, 1, 0]), base({ predLut: lut }), scratch);
    const fresh = scorePair(grid(3, 1, [0, 1, 1]), grid(3, 1, [1, 1, 0]), base({ predLut: lut }));
    expect(again.sparse).toEqual(fresh.sparse);
    expect(again.boundary).toEqual(fresh.boundary);
    expect(scratch.mapped.length).toBe(25);
  });

  it("refuses a scratch made for another number of classes", () => {
    expect(() => scorePair(HAND_GT, HAND_PRED, base(), createScorePairScratch(3))).toThrow(/scratch holds 3 classes but the options say 2/);
  });
});
