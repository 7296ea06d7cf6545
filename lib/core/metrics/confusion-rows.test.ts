import { describe, expect, it } from "vitest";
import { accumulate, createConfusion, toSparse } from "./confusion";
import { sumConfusions, sumSparseConfusions, toDenseRows } from "./confusion-rows";
import { computeScores } from "./scores";

describe("dataset-level confusion matrix", () => {
  const k = 3;
  const gts = [Uint8Array.of(0, 0, 1, 2, 255, 1), Uint8Array.of(2, 2, 2, 0, 1, 255)];
  const preds = [Uint8Array.of(0, 1, 1, 9, 0, 255), Uint8Array.of(2, 0, 255, 0, 1, 1)];
  const images = gts.map((gt, i) => {
    const cm = createConfusion(k);
    accumulate(cm, gt, preds[i], { numClasses: k, ignoreValues: [255] });
    return cm;
  });

  it("sums equal the pixel counts: every non-void ground-truth pixel once, rows = gt pixels, spill column kept", () => {
    const total = sumConfusions(k, images);
    const rows = toDenseRows(total);
    expect(rows).toHaveLength(k);
    expect(rows.every((r) => r.length === k + 1)).toBe(true);
    const cells = rows.flat().reduce((a, b) => a + b, 0);
    const nonVoid = gts.reduce((a, gt) => a + gt.filter((v) => v !== 255).length, 0);
    expect(cells).toBe(nonVoid);
    const scores = computeScores(total);
    expect(cells).toBe(scores.evaluatedPixels);
    rows.forEach((r, g) => expect(r.reduce((a, b) => a + b, 0)).toBe(scores.perClass[g].gtPixels));
    expect(rows[2][k]).toBe(2); // a 9 and a 255 predicted for class 2
  });

  it("summing the stored sparse matrices gives the same dense matrix", () => {
    expect(toDenseRows(sumSparseConfusions(k, images.map(toSparse)))).toEqual(toDenseRows(sumConfusions(k, images)));
  });
});
