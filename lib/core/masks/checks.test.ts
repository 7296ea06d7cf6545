import { describe, it, expect } from "vitest";
import { checkLabelValues, checkSameSize } from "./checks";
import { catchAppError } from "./testdata/test-helpers";
import type { LabelMap } from "./types";

function mapOf(values: number[], wide = false): LabelMap {
  return { width: values.length, height: 1, data: wide ? Uint16Array.from(values) : Uint8Array.from(values) };
}

function withCounts(entries: [number, number][], fill: number, wide = false): LabelMap {
  const values: number[] = [];
  for (const [v, n] of entries) for (let i = 0; i < n; i++) values.push(v);
  for (let i = 0; i < 50; i++) values.push(fill);
  return mapOf(values, wide);
}

describe("checkLabelValues", () => {
  it("accepts values below numClasses and ignore values", () => {
    expect(() => checkLabelValues(mapOf([0, 1, 10, 10, 255]), { numClasses: 11, ignoreValues: [255] })).not.toThrow();
    expect(() => checkLabelValues(mapOf([0, 1, 10, 300], true), { numClasses: 11, ignoreValues: [300] })).not.toThrow();
    expect(() => checkLabelValues(mapOf([0]), { numClasses: 1 })).not.toThrow();
  });

  it("names the file, the role, each bad value and its pixel count, ascending", () => {
    const map = withCounts([[200, 7], [12, 340]], 3);
    const error = catchAppError(() => checkLabelValues(map, { numClasses: 11, fileName: "pred/0007.png", role: "prediction" }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe("pred/0007.png: prediction has values outside the 11 classes: 12 (340 px), 200 (7 px)");
  });

  it("treats numClasses itself as outside, and ignore values only for the listed values", () => {
    const error = catchAppError(() =>
      checkLabelValues(withCounts([[11, 2], [255, 1]], 0), { numClasses: 11, ignoreValues: [255], fileName: "gt/a.png", role: "ground truth" }),
    );
    expect(error.message).toBe("gt/a.png: ground truth has values outside the 11 classes: 11 (2 px)");
  });

  it("works on 16-bit maps and lists at most 10 values", () => {
    const entries: [number, number][] = Array.from({ length: 12 }, (_, i) => [1000 + i, i + 1]);
    const error = catchAppError(() => checkLabelValues(withCounts(entries, 1, true), { numClasses: 2 }));
    expect(error.message).toBe(
      "label map: label map has values outside the 2 classes: " +
        Array.from({ length: 10 }, (_, i) => `${1000 + i} (${i + 1} px)`).join(", ") +
        ", and 2 more values",
    );
  });

  it("refuses a numClasses that is not a positive integer", () => {
    expect(catchAppError(() => checkLabelValues(mapOf([0]), { numClasses: 0, fileName: "x.png" })).message).toBe(
      "x.png: the number of classes must be a positive integer, got 0",
    );
    expect(catchAppError(() => checkLabelValues(mapOf([0]), { numClasses: 2.5 })).code).toBe("invalid_input");
  });
});

describe("checkSameSize", () => {
  it("passes equal sizes and names both files and sizes otherwise", () => {
    expect(() => checkSameSize({ width: 4, height: 3 }, { width: 4, height: 3 }, "gt/a.png", "pred/a.png")).not.toThrow();
    const error = catchAppError(() => checkSameSize({ width: 480, height: 360 }, { width: 360, height: 480 }, "gt/a.png", "pred/a.png"));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe("pred/a.png: size 360x480 differs from gt/a.png (480x360); both must have the same size");
  });
});
