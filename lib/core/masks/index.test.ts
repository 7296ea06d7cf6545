import { describe, it, expect } from "vitest";
import * as masks from "@/lib/core/masks";

describe("lib/core/masks index", () => {
  it("exports the agreed API", () => {
    for (const name of [
      "decodeLabelMap",
      "decodeLabelMapWith",
      "readPngHeader",
      "checkLabelValues",
      "checkSameSize",
      "encodeLabelMap",
      "renderColorizedMask",
      "renderErrorMap",
    ] as const) {
      expect(typeof masks[name], name).toBe("function");
    }
    expect(masks.DEFAULT_MAX_PIXELS).toBe(100_000_000);
  });
});
