import { describe, expect, it } from "vitest";
import { decodeLabelMap, encodeLabelMap } from "@/lib/core/masks";
import { mulberry32 } from "@/lib/core/metrics";
import { encodeMask } from "./encode-mask";

describe("encodeMask", () => {
  it("decodes back to the same values as encodeLabelMap's PNG: 8-bit, 16-bit, 16-bit arrays of small values, odd sizes", () => {
    const rand = mulberry32(3);
    const maps = [
      { width: 1, height: 1, data: Uint8Array.of(7) },
      { width: 37, height: 23, data: Uint8Array.from({ length: 37 * 23 }, () => rand() % 12) },
      { width: 64, height: 3, data: Uint16Array.from({ length: 192 }, () => rand() % 1000) },
      { width: 5, height: 9, data: Uint16Array.from({ length: 45 }, () => rand() % 256) },
      { width: 3, height: 2, data: Uint16Array.of(0, 65535, 256, 255, 1, 40000) },
    ];
    for (const map of maps) {
      const ours = decodeLabelMap(encodeMask(map));
      const reference = decodeLabelMap(encodeLabelMap(map));
      expect([ours.width, ours.height]).toEqual([map.width, map.height]);
      expect(Array.from(ours.data)).toEqual(Array.from(map.data));
      expect(ours.data.constructor).toBe(reference.data.constructor);
    }
  });

  it("refuses a map whose data does not fill its size", () => {
    expect(() => encodeMask({ width: 4, height: 4, data: new Uint8Array(15) })).toThrow(/15 values do not fill 4x4/);
  });
});
