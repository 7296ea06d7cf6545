/**
 * Small seeded random helpers for the demo generators. Everything in
 * `lib/tools/demo` draws its randomness from here so that a seed always gives
 * byte-identical output (no Math.random anywhere).
 */
import { mulberry32 as mulberry32Uint } from "@/lib/core/metrics/prng";

/** A function returning uniform floats in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32 (the metrics engine's generator) scaled to floats: a tiny, fast
 * 32-bit PRNG; the same seed gives the same sequence on every platform.
 */
export function mulberry32(seed: number): Rng {
  const next = mulberry32Uint(seed);
  return () => next() / 4294967296;
}

/**
 * Mixes any number of integers (or strings) into one 32-bit seed, so that
 * independent streams ("scene 7, tags" vs "scene 7, layout") do not correlate.
 */
export function mixSeed(...parts: (number | string)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = typeof part === "number" ? String(part >>> 0) + ":" + String(Math.floor(part / 4294967296)) : part;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0xff;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Uniform float in [lo, hi). */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** Uniform integer in [lo, hi] (both inclusive). */
export function intIn(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** One element of a non-empty list, uniformly. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** True with probability p. */
export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}
