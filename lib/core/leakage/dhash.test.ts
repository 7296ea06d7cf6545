import { describe, expect, it } from "vitest";
import { differenceHash, hammingDistance, hashFromGrid, shrinkToHashGrid } from "./dhash";
import { findLeakage } from "./find-leakage";

/** A smooth RGB test picture with some structure, plus optional noise/brightness changes. */
function picture(w: number, h: number, opts: { seed?: number; noise?: number; shift?: number } = {}): Uint8Array {
  let s = opts.seed ?? 1;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = 128 + 80 * Math.sin((x / w) * 7 + (opts.seed ?? 1)) * Math.cos((y / h) * 5) + (opts.shift ?? 0);
      for (let c = 0; c < 3; c++) data[(y * w + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(v + c * 10 + (opts.noise ?? 0) * rand())));
    }
  }
  return data;
}

describe("shrinkToHashGrid", () => {
  it("area-averages exactly: an 18x16 grey image of 2x2 blocks gives the block values", () => {
    const data = new Uint8Array(18 * 16);
    for (let y = 0; y < 16; y++) for (let x = 0; x < 18; x++) data[y * 18 + x] = (Math.floor(y / 2) * 9 + Math.floor(x / 2)) * 3;
    const grid = shrinkToHashGrid({ data, width: 18, height: 16, channels: 1 });
    expect(Array.from(grid)).toEqual(Array.from({ length: 72 }, (_, i) => i * 3));
  });

  it("weights partly covered pixels by their coverage (a 3-pixel-wide row into 9 columns)", () => {
    const data = Uint8Array.from([0, 90, 180]);
    const grid = shrinkToHashGrid({ data, width: 3, height: 1, channels: 1 });
    expect(Array.from(grid.slice(0, 9), Math.round)).toEqual([0, 0, 0, 90, 90, 90, 180, 180, 180]);
    expect(Array.from(grid.slice(63), Math.round)).toEqual([0, 0, 0, 90, 90, 90, 180, 180, 180]);
  });

  it("uses Rec. 601 luma for RGB and ignores alpha", () => {
    const rgba = Uint8Array.from({ length: 9 * 8 * 4 }, (_, i) => (i % 4 === 0 ? 100 : i % 4 === 1 ? 200 : i % 4 === 2 ? 50 : 7));
    expect(shrinkToHashGrid({ data: rgba, width: 9, height: 8, channels: 4 })[0]).toBeCloseTo(0.299 * 100 + 0.587 * 200 + 0.114 * 50, 9);
  });

  it("refuses a buffer shorter than the image", () => {
    expect(() => shrinkToHashGrid({ data: new Uint8Array(10), width: 9, height: 8, channels: 1 })).toThrow(RangeError);
  });
});

describe("differenceHash", () => {
  it("sets a bit where the right neighbour is brighter, row-major, most significant first", () => {
    const grid = new Array(72).fill(0);
    for (let c = 0; c < 9; c++) grid[c] = c; // first row increasing: 8 ones -> "ff"
    grid[9 + 1] = 5; // second row: bit 0 (cell 1 > cell 0) set -> "80"
    expect(hashFromGrid(grid)).toBe("ff80000000000000");
  });

  it("is stable under resizing, mild noise and a brightness shift, and far for a different picture", () => {
    const a = differenceHash({ data: picture(320, 240), width: 320, height: 240, channels: 3 });
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(a, differenceHash({ data: picture(160, 120), width: 160, height: 120, channels: 3 }))).toBeLessThanOrEqual(2);
    expect(hammingDistance(a, differenceHash({ data: picture(320, 240, { noise: 20, shift: 15 }), width: 320, height: 240, channels: 3 }))).toBeLessThanOrEqual(3);
    expect(hammingDistance(a, differenceHash({ data: picture(320, 240, { seed: 4 }), width: 320, height: 240, channels: 3 }))).toBeGreaterThan(12);
  });
});

describe("hammingDistance", () => {
  it("counts differing bits", () => {
    expect(hammingDistance("0000000000000000", "0000000000000000")).toBe(0);
    expect(hammingDistance("ffffffffffffffff", "0000000000000000")).toBe(64);
    expect(hammingDistance("0f00000000000001", "0000000000000003")).toBe(5);
  });
  it("refuses hashes of different lengths or non-hex characters", () => {
    expect(() => hammingDistance("00", "000")).toThrow(RangeError);
    expect(() => hammingDistance("0g", "00")).toThrow(RangeError);
  });
});

describe("findLeakage", () => {
  const training = [
    { name: "t1", sha256: "aa", dhash: "0000000000000000" },
    { name: "t2", sha256: "bb", dhash: "ffffffffffffffff" },
    { name: "t3", sha256: "cc", dhash: null },
  ];
  it("reports exact matches by sha256, near-duplicates within the threshold against the closest training sample, once each", () => {
    const r = findLeakage(training, [
      { name: "e-exact", sha256: "cc", dhash: "1234123412341234" },
      { name: "e-near", sha256: "x1", dhash: "fffffffffffffff0" }, // 4 bits from t2
      { name: "e-edge", sha256: "x2", dhash: "000000000000003f" }, // 6 bits from t1: counted
      { name: "e-far", sha256: "x3", dhash: "00000000000000ff" }, // 8 bits: not counted
      { name: "e-nohash", sha256: "x4", dhash: null },
    ]);
    expect(r.exact).toEqual([{ sample: "e-exact", trainingSample: "t3", kind: "exact", distance: 0 }]);
    expect(r.nearDuplicates).toEqual([
      { sample: "e-near", trainingSample: "t2", kind: "near-duplicate", distance: 4 },
      { sample: "e-edge", trainingSample: "t1", kind: "near-duplicate", distance: 6 },
    ]);
    expect(r.leaked).toEqual(["e-exact", "e-near", "e-edge"]);
  });
  it("takes a custom threshold and handles empty sets", () => {
    expect(findLeakage(training, [{ name: "e", sha256: "x", dhash: "00000000000000ff" }], { maxDistance: 8 }).leaked).toEqual(["e"]);
    expect(findLeakage([], [{ name: "e", sha256: "x", dhash: "00" }])).toEqual({ exact: [], nearDuplicates: [], leaked: [] });
  });
});
