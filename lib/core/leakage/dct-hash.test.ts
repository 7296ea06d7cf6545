import { describe, expect, it } from "vitest";
import { DCT_HASH_GRID, dctHash, dctHashFromGrid, hammingDistance, isDctHash } from "./dct-hash";
import { NEAR_DUPLICATE_MAX_DISTANCE } from "./find-leakage";
import { shrinkToGreyGrid, type HashableImage } from "./grey-grid";

/**
 * A dermoscopy-like RGB picture: light skin, one dark irregular lesion near
 * the centre (shape, position and size from `seed`), dark vignetted
 * corners; `gain` scales the brightness, `noise` adds uniform noise.
 */
function dermoscopy(w: number, h: number, seed: number, opts: { gain?: number; noise?: number } = {}): HashableImage {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const harmonics = Array.from({ length: 6 }, (_, i) => ({ a: (rand() * 0.25) / (1 + i * 0.5), p: rand() * 6.283, n: i + 2 }));
  const cx = w * (0.45 + rand() * 0.1);
  const cy = h * (0.45 + rand() * 0.1);
  const r0 = Math.min(w, h) * (0.2 + rand() * 0.08);
  let n = seed * 7 + 1;
  const noise = () => ((n = (n * 1103515245 + 12345) >>> 0) / 2 ** 32 - 0.5) * (opts.noise ?? 0);
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = Math.atan2(y - cy, x - cx);
      const r = r0 * (1 + harmonics.reduce((acc, hm) => acc + hm.a * Math.cos(hm.n * t + hm.p), 0));
      const lesion = 1 / (1 + Math.exp((Math.hypot(x - cx, y - cy) - r) / 3));
      const vignette = Math.max(0, Math.min(1, (Math.hypot((x - w / 2) / (w / 2), (y - h / 2) / (h / 2)) - 0.95) * 4));
      const grey = (200 - 110 * lesion) * (1 - 0.8 * vignette) * (opts.gain ?? 1) + noise();
      [1.05, 0.85, 0.75].forEach((k, c) => (data[(y * w + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(grey * k)))));
    }
  }
  return { data, width: w, height: h, channels: 3 };
}

/** The 64-bit dHash (9 x 8 grid) the leakage check used before, as bits. */
function oldDifferenceHash(img: HashableImage): number[] {
  const g = shrinkToGreyGrid(img, 9, 8);
  return Array.from({ length: 64 }, (_, i) => {
    const c = Math.floor(i / 8) * 9 + (i % 8);
    return g[c + 1] > g[c] ? 1 : 0;
  });
}

describe("dctHashFromGrid", () => {
  it("sets the bits of the 16 x 16 lowest frequencies above their median, row-major, most significant first, DC bit 0", () => {
    // Each of the 256 lowest cosine basis images with weight +1 (even frequency index) or -1 (odd): 127 AC coefficients above the median.
    const N = DCT_HASH_GRID;
    const basis = (k: number, x: number) => Math.cos(((2 * x + 1) * k * Math.PI) / (2 * N));
    const grid = new Float64Array(N * N);
    for (let v = 0; v < 16; v++) {
      for (let u = 0; u < 16; u++) {
        const w = (v * 16 + u) % 2 === 0 ? 1 : -1;
        for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) grid[y * N + x] += w * basis(u, x) * basis(v, y);
      }
    }
    expect(dctHashFromGrid(grid)).toBe("2" + "a".repeat(63));
  });

  it("refuses a grid of the wrong size", () => {
    expect(() => dctHashFromGrid(new Float64Array(63 * 64))).toThrow(RangeError);
  });
});

describe("dctHash", () => {
  it("is 64 hex digits with 127 ones for a generic image", () => {
    const h = dctHash(dermoscopy(320, 240, 1));
    expect(isDctHash(h)).toBe(true);
    expect([...h].reduce((n, c) => n + [...parseInt(c, 16).toString(2)].filter((b) => b === "1").length, 0)).toBe(127);
  });

  it("tells apart different dermoscopy-like images the old 64-bit dHash took for near-duplicates", () => {
    const a = dermoscopy(320, 240, 1);
    const b = dermoscopy(320, 240, 8);
    const old = oldDifferenceHash(a).reduce((d, bit, i) => d + (bit ^ oldDifferenceHash(b)[i]), 0);
    expect(old).toBeLessThanOrEqual(6); // flagged by the old rule (dHash distance <= 6)
    expect(hammingDistance(dctHash(a), dctHash(b))).toBeGreaterThan(2 * NEAR_DUPLICATE_MAX_DISTANCE);
  });

  it("keeps a resized (90 %), brightened (+10 %) and noisy copy well within the near-duplicate distance", () => {
    for (const seed of [1, 2, 3]) {
      const copy = dermoscopy(288, 216, seed, { gain: 1.1, noise: 16 });
      expect(hammingDistance(dctHash(dermoscopy(320, 240, seed)), dctHash(copy))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE / 4);
    }
  });
});

describe("isDctHash", () => {
  it("accepts 64 lowercase hex digits only (not the older 16-digit dHashes)", () => {
    expect(isDctHash("0123456789abcdef".repeat(4))).toBe(true);
    expect(isDctHash("0123456789abcdef")).toBe(false);
    expect(isDctHash("0123456789ABCDEF".repeat(4))).toBe(false);
    expect(isDctHash("g".repeat(64))).toBe(false);
  });
});

describe("hammingDistance", () => {
  it("counts differing bits", () => {
    expect(hammingDistance("0000000000000000", "0000000000000000")).toBe(0);
    expect(hammingDistance("f".repeat(64), "0".repeat(64))).toBe(256);
    expect(hammingDistance("0f00000000000001", "0000000000000003")).toBe(5);
  });
  it("refuses hashes of different lengths or non-hex characters", () => {
    expect(() => hammingDistance("00", "000")).toThrow(RangeError);
    expect(() => hammingDistance("0g", "00")).toThrow(RangeError);
  });
});
