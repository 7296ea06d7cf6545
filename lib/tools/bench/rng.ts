import { mulberry32 } from "@/lib/core/metrics/prng";

/** A seeded random source: the same seed gives the same sequence on every machine. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number;
  /** Uniform real in [min, max). */
  range(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** mulberry32 (lib/core/metrics/prng.ts, the engine's generator) behind the {@link Rng} helpers; deterministic for a 32-bit seed. */
export function createRng(seed: number): Rng {
  const nextUint32 = mulberry32(seed);
  const next = () => nextUint32() / 4294967296;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    range: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/** FNV-1a hash of a string: a stable per-file seed. */
export function hashSeed(text: string, salt = 0): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A smooth 1D wiggle: a sum of a few sines with random wavelengths (in
 * pixels) and phases. Used for irregular but natural region edges.
 */
export function smoothNoise(rng: Rng, amplitude: number, minWavelength = 20, maxWavelength = 400, terms = 4): (t: number) => number {
  const parts = Array.from({ length: terms }, (_, i) => ({
    a: (amplitude / (i + 1)) * rng.range(0.5, 1),
    w: (2 * Math.PI) / rng.range(minWavelength, maxWavelength),
    p: rng.range(0, 2 * Math.PI),
  }));
  return (t) => {
    let v = 0;
    for (const { a, w, p } of parts) v += a * Math.sin(w * t + p);
    return v;
  };
}
