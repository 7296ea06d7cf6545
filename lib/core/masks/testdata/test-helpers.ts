/** Shared helpers for the lib/core/masks tests: both decoders, error capture, a seeded RNG. */
import zlib from "node:zlib";
import { expect } from "vitest";
import { AppError } from "@/lib/core/errors";
import { decodeLabelMap, decodeLabelMapWith } from "../decode";
import type { DecodeOptions, LabelMap } from "../types";
import type { FilteredPngSpec } from "./png-writer";

export type Decoder = (bytes: Uint8Array, opts?: DecodeOptions) => LabelMap;

/** Every test that decodes runs against both decoders: they must agree exactly. */
export const DECODERS: [string, Decoder][] = [
  ["fast-png", (bytes, opts) => decodeLabelMap(bytes, opts)],
  ["own unfilter + node:zlib", (bytes, opts) => decodeLabelMapWith(bytes, (d) => zlib.inflateSync(d), opts)],
];

/** Runs fn, expects it to throw an AppError, and returns it. */
export function catchAppError(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected an AppError, nothing was thrown");
}

/** Deterministic PRNG (mulberry32) returning integers in [0, n). */
export function seededInts(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n) >>> 0;
  };
}

/**
 * A label-like image: rectangles of constant value over a background, so rows
 * repeat and runs are long (the shape real masks have), with values < classes.
 */
export function blockyLabels(width: number, height: number, classes: number, seed: number): number[] {
  const rand = seededInts(seed);
  const out = new Array<number>(width * height).fill(rand(classes));
  for (let r = 0; r < 6; r++) {
    const x0 = rand(width);
    const y0 = rand(height);
    const x1 = Math.min(width, x0 + 1 + rand(width));
    const y1 = Math.min(height, y0 + 1 + rand(height));
    const v = rand(classes);
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) out[y * width + x] = v;
  }
  return out;
}

/** Packs one-per-pixel values into PNG rows of `depth` bits (MSB first, rows padded), as fast-png's encoder expects. */
export function packRows(values: ArrayLike<number>, width: number, height: number, depth: number): Uint8Array {
  const rowBytes = Math.ceil((width * depth) / 8);
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      out[y * rowBytes + (bit >> 3)] |= values[y * width + x] << (8 - depth - (bit & 7));
    }
  }
  return out;
}

/** A PNG pixel format under test: colour type, bit depth, bytes per pixel for filtering, samples per pixel. */
export type PngKind = { colorType: FilteredPngSpec["colorType"]; depth: FilteredPngSpec["depth"]; bpp: number; channels: number };

export type Texture = "random" | "runs" | "diagonal";
/** The textures, in the order the tests index them. */
export const TEXTURES: readonly Texture[] = ["random", "runs", "diagonal"];

/**
 * Samples for the kind: random (every filtered byte differs), runs (rectangles
 * plus ~4 % speckles: long zero runs broken at every position) or diagonal
 * (stripes shifting one pixel per row, so Paeth and Average meet every case).
 */
export function sampleValues(kind: PngKind, width: number, height: number, texture: Texture, seed: number): number[] {
  const max = kind.depth === 16 ? 65536 : 1 << kind.depth;
  const rand = seededInts(seed);
  const n = width * height;
  if (texture === "random") return Array.from({ length: n * kind.channels }, () => rand(max));
  let labels: number[];
  if (texture === "runs") {
    labels = blockyLabels(width, height, Math.min(max, 4), seed);
    for (let i = 0; i < n; i++) if (rand(25) === 0) labels[i] = rand(Math.min(max, 4));
  } else {
    labels = Array.from({ length: n }, (_, i) => (((i % width) + 3 * Math.floor(i / width)) >> 2) % Math.min(max, 3));
  }
  const scale = kind.depth === 16 ? 4099 : kind.depth === 8 ? 77 : 1;
  return labels.flatMap((v) => Array.from({ length: kind.channels }, (_, c) => ((v + c) * scale) % max));
}
