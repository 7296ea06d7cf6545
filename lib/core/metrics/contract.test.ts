import { describe, it, expect } from "vitest";
import { AppError } from "@/lib/core/errors";
import { metricContract, nanToNull } from "./contract";
import { computeScores } from "./scores";
import { createConfusion } from "./confusion";

describe("metricContract", () => {
  it("states the settings it was given and every formula", () => {
    const c = metricContract({ ignoreValues: [11, 255], iouThreshold: 0.75, dilationRatio: 0.01, bootstrap: { resamples: 500 } });
    expect(c.aggregation).toBe("dataset-level");
    expect(c.alsoReported).toBe("per-image mean");
    expect(c.voidValues).toEqual([11, 255]);
    expect(c.iouThreshold).toBe(0.75);
    expect(c.boundary.dilationRatio).toBe(0.01);
    expect(c.boundary.method).toContain("round(0.01 x image diagonal)");
    expect(c.bootstrap).toEqual({ resamples: 500, seed: 0, confidence: 0.95 });
    expect(c.formulas.threshold).toContain(">= 0.75");
    expect(c.formulas.bootstrap).toContain("500 resamples");
    for (const key of ["tp", "fp", "fn", "iou", "dice", "precision", "recall", "miou", "mdice", "pixelAccuracy", "meanClassAccuracy", "fwIou", "boundaryIou"]) {
      expect(c.formulas[key]).toBeTruthy();
    }
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it("uses the defaults and omits the bootstrap when not asked", () => {
    const c = metricContract({ ignoreValues: [] });
    expect(c.iouThreshold).toBe(0.5);
    expect(c.boundary.dilationRatio).toBe(0.02);
    expect(c.bootstrap).toBeUndefined();
    expect(() => metricContract({ ignoreValues: [], dilationRatio: -1 })).toThrow(AppError);
    expect(() => metricContract({ ignoreValues: [], bootstrap: { confidence: 2 } })).toThrow(AppError);
  });
});

describe("nanToNull", () => {
  it("turns NaN and infinities into null, recursively, typed arrays into arrays", () => {
    const input = { a: NaN, b: [1, Infinity, { c: -Infinity }], d: Float64Array.of(1, NaN), e: "x", f: null, g: undefined, h: true };
    expect(nanToNull(input)).toEqual({ a: null, b: [1, null, { c: null }], d: [1, null], e: "x", f: null, g: undefined, h: true });
    expect(input.a).toBeNaN();
    expect(nanToNull(NaN)).toBeNull();
    expect(nanToNull(3)).toBe(3);
  });

  it("makes scores of an empty matrix JSON-safe", () => {
    const json = JSON.stringify(nanToNull(computeScores(createConfusion(2))));
    expect(json).toContain('"miou":null');
    expect(json).not.toContain("NaN");
  });
});
