import { describe, expect, it } from "vitest";
import { shrinkToGreyGrid } from "./grey-grid";

describe("shrinkToGreyGrid", () => {
  it("area-averages exactly: an 18x16 grey image of 2x2 blocks gives the block values", () => {
    const data = new Uint8Array(18 * 16);
    for (let y = 0; y < 16; y++) for (let x = 0; x < 18; x++) data[y * 18 + x] = (Math.floor(y / 2) * 9 + Math.floor(x / 2)) * 3;
    const grid = shrinkToGreyGrid({ data, width: 18, height: 16, channels: 1 }, 9, 8);
    expect(Array.from(grid)).toEqual(Array.from({ length: 72 }, (_, i) => i * 3));
  });

  it("weights partly covered pixels by their coverage (a 3-pixel-wide row into 9 columns)", () => {
    const data = Uint8Array.from([0, 90, 180]);
    const grid = shrinkToGreyGrid({ data, width: 3, height: 1, channels: 1 }, 9, 8);
    expect(Array.from(grid.slice(0, 9), Math.round)).toEqual([0, 0, 0, 90, 90, 90, 180, 180, 180]);
    expect(Array.from(grid.slice(63), Math.round)).toEqual([0, 0, 0, 90, 90, 90, 180, 180, 180]);
  });

  it("keeps the mean when shrinking by a non-integer factor (100x75 into 64x64)", () => {
    const data = Uint8Array.from({ length: 100 * 75 }, (_, i) => (i * 37) % 256);
    const grid = shrinkToGreyGrid({ data, width: 100, height: 75, channels: 1 }, 64, 64);
    const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(grid)).toBeCloseTo(mean(data), 9);
  });

  it("uses Rec. 601 luma for RGB and ignores alpha", () => {
    const rgba = Uint8Array.from({ length: 9 * 8 * 4 }, (_, i) => (i % 4 === 0 ? 100 : i % 4 === 1 ? 200 : i % 4 === 2 ? 50 : 7));
    expect(shrinkToGreyGrid({ data: rgba, width: 9, height: 8, channels: 4 }, 9, 8)[0]).toBeCloseTo(0.299 * 100 + 0.587 * 200 + 0.114 * 50, 9);
  });

  it("refuses a buffer shorter than the image", () => {
    expect(() => shrinkToGreyGrid({ data: new Uint8Array(10), width: 9, height: 8, channels: 1 }, 9, 8)).toThrow(RangeError);
  });
});
