import { describe, expect, it } from "vitest";
import { scoreImage } from "./score-image";

const map = (data: number[]) => ({ width: data.length, height: 1, data: Uint8Array.from(data) });

describe("scoreImage", () => {
  it("names the file, the bad ground-truth values and their pixel counts", () => {
    expect(() => scoreImage("s7", map([0, 1, 9, 9]), map([0, 1, 1, 1]), { numClasses: 2, ignoreValues: [255] })).toThrow(/s7 \(ground truth\).*9 \(2 px\)/);
  });

  it("counts a prediction outside the class list as wrong, not as an error", () => {
    const scored = scoreImage("s8", map([0, 1, 255, 1]), map([0, 7, 0, 1]), { numClasses: 2, ignoreValues: [255] });
    expect(scored.evaluatedPixels).toBe(3);
    expect(scored.pixelAccuracy).toBeCloseTo(2 / 3, 12);
    expect(scored.confusion).toEqual([
      [0, 0, 1],
      [1, 1, 1],
      [1, 2, 1],
    ]);
  });

  it("names both sides of the sample when sizes differ", () => {
    expect(() => scoreImage("s9", map([0, 1]), map([0, 1, 1]), { numClasses: 2, ignoreValues: [] })).toThrow(
      "s9 (prediction): size 3x1 differs from s9 (ground truth) (2x1); both must have the same size",
    );
  });

  it("maps the prediction through the LUT and returns boundary counts as plain arrays", () => {
    const lut = Int32Array.of(1, 0, -1);
    const scored = scoreImage("s10", map([0, 0, 1, 1]), map([1, 1, 0, 2]), { numClasses: 2, ignoreValues: [], predLut: lut });
    expect(scored.confusion).toEqual([
      [0, 0, 2],
      [1, 1, 1],
      [1, 2, 1],
    ]);
    expect(scored.boundary).toEqual({ intersection: [2, 1], union: [2, 2] });
  });
});
