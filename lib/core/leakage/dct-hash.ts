import { shrinkToGreyGrid, type HashableImage } from "./grey-grid";

/** The hash reduces an image to GRID x GRID grey values and keeps the SIDE x SIDE lowest DCT frequencies: 256 bits. */
export const DCT_HASH_GRID = 64;
const SIDE = 16;
const BITS = SIDE * SIDE;

/** cos((2x + 1) u π / 2N) for u < SIDE, x < GRID, row u at u * GRID. */
const COS = Float64Array.from({ length: SIDE * DCT_HASH_GRID }, (_, i) => {
  const u = Math.floor(i / DCT_HASH_GRID);
  const x = i % DCT_HASH_GRID;
  return Math.cos(((2 * x + 1) * u * Math.PI) / (2 * DCT_HASH_GRID));
});

/**
 * The 256-bit DCT hash of a 64 x 64 grey grid (row-major), as 64 hex
 * characters: the unnormalised 2-D DCT-II coefficients of frequencies
 * (v, u) < 16 in row-major order, bit 1 where a coefficient is above the
 * median of the 255 non-DC ones (the DC bit is always 0), most significant
 * bit first.
 */
export function dctHashFromGrid(grid: ArrayLike<number>): string {
  const N = DCT_HASH_GRID;
  if (grid.length !== N * N) throw new RangeError(`dctHashFromGrid: needs ${N * N} values, got ${grid.length}.`);
  const byColumn = new Float64Array(SIDE * N); // [u][y]: each grid row transformed along x
  for (let y = 0; y < N; y++) {
    for (let u = 0; u < SIDE; u++) {
      let s = 0;
      for (let x = 0; x < N; x++) s += grid[y * N + x] * COS[u * N + x];
      byColumn[u * N + y] = s;
    }
  }
  const coef = new Float64Array(BITS);
  for (let v = 0; v < SIDE; v++) {
    for (let u = 0; u < SIDE; u++) {
      let s = 0;
      for (let y = 0; y < N; y++) s += byColumn[u * N + y] * COS[v * N + y];
      coef[v * SIDE + u] = s;
    }
  }
  const median = coef.slice(1).sort()[(BITS - 1) >> 1];
  let hex = "";
  for (let i = 0; i < BITS; i += 4) {
    let nibble = 0;
    for (let k = i; k < i + 4; k++) nibble = (nibble << 1) | (k > 0 && coef[k] > median ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
}

/**
 * 256-bit perceptual hash (DCT hash, "pHash") of an image as 64 hex
 * characters: 64 x 64 area-averaged grey values, then the signs of the
 * 16 x 16 lowest DCT frequencies against their median. Robust to
 * re-encoding, resizing, brightness/contrast changes and mild noise; not to
 * crops, rotations or flips. Finer than a 64-bit dHash: images that share
 * only a coarse layout (dermoscopy: a dark central blob, dark corners)
 * still differ in ~60 or more bits, re-encoded copies in ~30 or fewer.
 */
export function dctHash(img: HashableImage): string {
  return dctHashFromGrid(shrinkToGreyGrid(img, DCT_HASH_GRID, DCT_HASH_GRID));
}

/** Whether `hash` has the shape {@link dctHash} produces (64 lowercase hex characters); older fingerprints (16-digit dHashes) do not. */
export function isDctHash(hash: string): boolean {
  return /^[0-9a-f]{64}$/.test(hash);
}

/** A hex hash as 32-bit words, 8 hex characters each (the last word may hold fewer); null when a character is not hex. */
export function hashWords(hash: string): Uint32Array | null {
  if (!/^[0-9a-fA-F]*$/.test(hash)) return null;
  return Uint32Array.from({ length: Math.ceil(hash.length / 8) }, (_, i) => parseInt(hash.slice(i * 8, i * 8 + 8), 16));
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Number of differing bits between two hashes as {@link hashWords} gives them (same length). */
export function wordsDistance(a: Uint32Array, b: Uint32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += popcount32(a[i] ^ b[i]);
  return d;
}

/** Number of differing bits between two hex hashes of the same length (throws on a length mismatch or a non-hex character). */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new RangeError(`hammingDistance: hashes of different lengths (${a.length} and ${b.length}).`);
  const p = hashWords(a);
  const q = hashWords(b);
  if (!p || !q) throw new RangeError(`hammingDistance: "${p ? b : a}" is not hex.`);
  return wordsDistance(p, q);
}
