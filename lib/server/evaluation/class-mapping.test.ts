import { describe, expect, it } from "vitest";
import { buildPredLut } from "./class-mapping";

const list = (...names: string[]) => names.map((name, index) => ({ index, name }));

describe("buildPredLut", () => {
  it("is undefined (no mapping pass) when every model class lands on itself: same names, other case, or an explicit identity", () => {
    expect(buildPredLut(list("road", "car"), list("road", "car"))).toBeUndefined();
    expect(buildPredLut(list("Road", "CAR"), list("road", "car"), { 0: 0, 1: 1 })).toBeUndefined();
  });

  it("maps by name, sends unmatched model classes to -1 and lets an explicit mapping win", () => {
    const byName = buildPredLut(list("car", "road", "tree"), list("road", "car"))!;
    expect(Array.from(byName.subarray(0, 4))).toEqual([1, 0, -1, -1]);
    const explicit = buildPredLut(list("road", "car"), list("road", "car"), { 0: 1, 1: -1 })!;
    expect(Array.from(explicit.subarray(0, 3))).toEqual([1, -1, -1]);
  });

  it("keeps a LUT when a value could land on a class it must not: a mapped extra model class, or a dataset class the model lacks", () => {
    expect(buildPredLut(list("road"), list("road", "car"))).toBeInstanceOf(Int32Array);
    expect(buildPredLut(list("road", "car", "auto"), list("road", "car"), { 2: 1 })).toBeInstanceOf(Int32Array);
  });
});
