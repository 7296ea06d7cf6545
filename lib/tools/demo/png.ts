import { encode } from "fast-png";
import { AppError } from "@/lib/core/errors";
import type { DemoClass } from "./classes";

/**
 * PNG helpers for demo data (fast-png, pure JavaScript: runs in the seed
 * script, workers and tests alike).
 */

function checkLength(fn: string, data: Uint8Array, width: number, height: number, channels: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new AppError("invalid_input", `${fn}: width and height must be positive integers, got ${width}x${height}`);
  }
  if (data.length !== width * height * channels) {
    throw new AppError("invalid_input", `${fn}: expected ${width * height * channels} bytes for ${width}x${height}x${channels}, got ${data.length}`);
  }
}

/** Encodes an 8-bit RGB image (w*h*3 bytes, row-major) as a PNG. */
export function encodeRgbPng(rgb: Uint8Array, width: number, height: number): Uint8Array {
  checkLength("encodeRgbPng", rgb, width, height, 3);
  return encode({ width, height, data: rgb, channels: 3, depth: 8 });
}

/** Encodes a label map (w*h class indices, 255 = void) as an 8-bit greyscale PNG whose values are the indices. */
export function encodeMaskPng(mask: Uint8Array, width: number, height: number): Uint8Array {
  checkLength("encodeMaskPng", mask, width, height, 1);
  return encode({ width, height, data: mask, channels: 1, depth: 8 });
}

/**
 * Renders a label map in the classes' display colours (void and unknown
 * labels black), for previews; returns w*h*3 RGB bytes.
 */
export function colorizeMask(mask: Uint8Array, classes: readonly DemoClass[]): Uint8Array {
  const lut = new Uint8Array(256 * 3);
  for (const c of classes) lut.set(c.color, c.index * 3);
  const out = new Uint8Array(mask.length * 3);
  for (let i = 0; i < mask.length; i++) {
    const j = mask[i] * 3;
    out[3 * i] = lut[j];
    out[3 * i + 1] = lut[j + 1];
    out[3 * i + 2] = lut[j + 2];
  }
  return out;
}
