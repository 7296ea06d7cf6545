import { describe, expect, it } from "vitest";
import { checkTarget, percentile, summarise } from "./stats";

describe("load stats", () => {
  it("takes nearest-rank percentiles", () => {
    const v = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 95)).toBe(95);
    expect(percentile(v, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
  it("summarises per route", () => {
    const s = summarise([{ route: "a", ms: 1, ok: true }, { route: "b", ms: 5, ok: false }, { route: "a", ms: 3, ok: true }]);
    expect(s).toEqual([
      { route: "a", count: 2, errors: 0, p50: 1, p95: 3, max: 3 },
      { route: "b", count: 1, errors: 1, p50: 5, p95: 5, max: 5 },
    ]);
  });
  it("refuses every target but http://127.0.0.1", () => {
    expect(checkTarget("http://127.0.0.1:3200")).toBeNull();
    for (const bad of ["http://localhost:3200", "https://127.0.0.1", "http://10.0.0.1", "http://127.0.0.1.evil.example", "http://u:p@127.0.0.1", "nonsense", "http://[::1]:3200"]) {
      expect(checkTarget(bad)).not.toBeNull();
    }
  });
});
