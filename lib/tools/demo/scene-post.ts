import { DEMO_IGNORE_INDEX } from "./classes";
import type { Rng } from "./prng";
import type { Surface } from "./raster";

/**
 * Post-processing shared by the demo generators: camera roll (rotation about
 * the image centre, zoomed so no corner is empty), the void band along the
 * edges of selected objects, and the sensor model that quantises the image.
 */

/**
 * Rotates label map, instance map (nearest neighbour: labels stay valid) and
 * RGB floats (bilinear) by `angle` radians, in place.
 */
export function rollCamera(w: number, h: number, angle: number, mask: Uint8Array, inst: Uint16Array, rgb: Float32Array): void {
  const c = Math.abs(Math.cos(angle));
  const s = Math.abs(Math.sin(angle));
  const zoom = Math.max((w * c + h * s) / w, (w * s + h * c) / h);
  const cos = Math.cos(angle) / zoom;
  const sin = Math.sin(angle) / zoom;
  const srcMask = mask.slice();
  const srcInst = inst.slice();
  const srcRgb = rgb.slice();
  const cx = w / 2;
  const cy = h / 2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const sx = Math.min(w - 1e-3, Math.max(0, cx + cos * dx + sin * dy));
      const sy = Math.min(h - 1e-3, Math.max(0, cy - sin * dx + cos * dy));
      const i = y * w + x;
      const j = Math.floor(sy) * w + Math.floor(sx);
      mask[i] = srcMask[j];
      inst[i] = srcInst[j];
      const fx = Math.max(0, Math.min(w - 1.001, sx - 0.5));
      const fy = Math.max(0, Math.min(h - 1.001, sy - 0.5));
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      const tx = fx - x0;
      const ty = fy - y0;
      const a = 3 * (y0 * w + x0);
      const b = a + 3 * w;
      for (let k = 0; k < 3; k++) {
        const top = srcRgb[a + k] + (srcRgb[a + 3 + k] - srcRgb[a + k]) * tx;
        const bot = srcRgb[b + k] + (srcRgb[b + 3 + k] - srcRgb[b + k]) * tx;
        rgb[3 * i + k] = top + (bot - top) * ty;
      }
    }
  }
}

/**
 * Marks as void (255) the inner one-pixel border of every object whose
 * surface asks for it, where it touches a different class: the thin
 * "don't care" band of Cityscapes/VOC annotations.
 */
export function addVoidBand(w: number, h: number, mask: Uint8Array, inst: Uint16Array, surfaces: readonly Surface[]): void {
  const src = mask.slice();
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!surfaces[inst[i]].voidEdge) continue;
      const v = src[i];
      if ((x > 0 && src[i - 1] !== v) || (x < w - 1 && src[i + 1] !== v) || (y > 0 && src[i - w] !== v) || (y < h - 1 && src[i + w] !== v)) {
        mask[i] = DEMO_IGNORE_INDEX;
      }
    }
  }
}

/** Sensor settings: exposure multiplier, noise standard deviation (0–255 units), vignetting strength. */
export interface Sensor {
  exposure: number;
  noise: number;
  vignette: number;
  /** Per-channel gain after exposure (colour balance). */
  gain: [number, number, number];
}

/**
 * Applies exposure, vignetting, per-pixel sensor noise (luma plus a little
 * chroma) and rounding; returns the 8-bit RGB image. The noise uses an inline
 * xorshift generator seeded from `rng` (fast, still deterministic).
 */
export function exposeImage(w: number, h: number, rgb: Float32Array, sensor: Sensor, rng: Rng): Uint8Array {
  const out = new Uint8Array(w * h * 3);
  const clamped = new Uint8ClampedArray(out.buffer);
  const cx = w / 2;
  const cy = h / 2;
  const norm = 1 / (cx * cx + cy * cy);
  const [g0, g1, g2] = sensor.gain;
  const luma = (sensor.noise * 0.8) / 2 ** 31;
  const chroma = (sensor.noise * 0.3) / 2 ** 31;
  let state = (Math.floor(rng() * 0xffffffff) | 1) >>> 0;
  for (let y = 0; y < h; y++) {
    const dy2 = (y - cy) * (y - cy);
    for (let x = 0; x < w; x++) {
      const o = 3 * (y * w + x);
      const v = sensor.exposure * (1 - sensor.vignette * ((x - cx) * (x - cx) + dy2) * norm);
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const a = state | 0;
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const n = (a + (state | 0)) * luma;
      const c = (a - (state | 0)) * chroma;
      clamped[o] = rgb[o] * v * g0 + n + c;
      clamped[o + 1] = rgb[o + 1] * v * g1 + n;
      clamped[o + 2] = rgb[o + 2] * v * g2 + n - c;
    }
  }
  return out;
}
