/**
 * mulberry32: a tiny, fast 32-bit PRNG, deterministic for a seed and easy to
 * port (golden/camvid_golden.py has the same generator in integer Python).
 * Returns a function giving the next uint32 (0 .. 2^32 - 1).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Uniform integer in 0..n-1 from a uint32 u: floor(u * n / 2^32), exact for n < 2^21. */
export function scaleToRange(u: number, n: number): number {
  return Math.floor((u * n) / 4294967296);
}
