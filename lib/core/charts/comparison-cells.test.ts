import { describe, expect, it } from "vitest";
import { comparisonVerdict, signFlipCell } from "./comparison-cells";

describe("comparison cells", () => {
  it("verdict from the paired interval; identical when every number is 0", () => {
    expect(comparisonVerdict({ diff: 0.02, low: 0.01, high: 0.03, signFlipShare: 0 })).toBe("better");
    expect(comparisonVerdict({ diff: -0.02, low: -0.03, high: -0.01, signFlipShare: 0 })).toBe("worse");
    expect(comparisonVerdict({ diff: 0.001, low: -0.01, high: 0.01, signFlipShare: 0.4 })).toBe("not distinguishable");
    expect(comparisonVerdict({ diff: 0, low: -0.01, high: 0.01, signFlipShare: 1 })).toBe("not distinguishable");
    expect(comparisonVerdict({ diff: 0, low: 0, high: 0, signFlipShare: 1 })).toBe("identical");
    expect(comparisonVerdict({ diff: NaN, low: NaN, high: NaN, signFlipShare: NaN })).toBe("—");
  });

  it("sign flips: a percent, or — when undefined or when the difference is exactly 0", () => {
    expect(signFlipCell({ diff: 0.01, low: -0.01, high: 0.02, signFlipShare: 0.123 })).toBe("12.3%");
    expect(signFlipCell({ diff: 0, low: 0, high: 0, signFlipShare: 1 })).toBe("—");
    expect(signFlipCell({ diff: 0.01, low: NaN, high: NaN, signFlipShare: NaN })).toBe("—");
  });
});
