import { encode } from "fast-png";
import { checkSameSize } from "./checks";
import { checkLabelMapShape } from "./encode";
import type { LabelMap, Rgb } from "./types";

/**
 * Error-map colours (RGBA), all opaque so the map matches its legend (correct
 * green, wrong red, ignored grey: ground truth is an ignore value). A lighter
 * look over the image is the overlay opacity's job in the UI, not the map's.
 */
export const ERROR_MAP_COLORS = {
  correct: [46, 160, 67, 255],
  wrong: [214, 39, 40, 255],
  ignored: [128, 128, 128, 255],
} as const;

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Packs RGBA into one 32-bit word whose memory order is r, g, b, a. */
function packRgba(r: number, g: number, b: number, a: number): number {
  return LITTLE_ENDIAN ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
}

function encodeRgba(width: number, height: number, pixels: Uint32Array): Uint8Array {
  return encode({ width, height, data: new Uint8Array(pixels.buffer), depth: 8, channels: 4 });
}

function ignoreTable(size: number, ignoreValues: readonly number[] = []): Uint8Array {
  const table = new Uint8Array(size);
  for (const v of ignoreValues) if (Number.isInteger(v) && v >= 0 && v < size) table[v] = 1;
  return table;
}

/**
 * RGBA PNG of a label map for the UI: each pixel gets its class colour
 * (`colors[value]`) at `opts.alpha` (0..255, default 255). Ignore values and
 * values without a colour are transparent, or `opts.voidColor` at `opts.alpha`
 * when given.
 */
export function renderColorizedMask(
  map: LabelMap,
  colors: readonly Rgb[],
  opts: { ignoreValues?: readonly number[]; alpha?: number; voidColor?: Rgb } = {},
): Uint8Array {
  checkLabelMapShape(map);
  const { width, height, data } = map;
  const alpha = Math.max(0, Math.min(255, Math.round(opts.alpha ?? 255)));
  const size = data instanceof Uint8Array ? 256 : 65536;
  const ignored = ignoreTable(size, opts.ignoreValues);
  const voidColor = opts.voidColor ? packRgba(opts.voidColor[0], opts.voidColor[1], opts.voidColor[2], alpha) : 0;
  const lut = new Uint32Array(size).fill(voidColor);
  for (let v = 0; v < Math.min(colors.length, size); v++) {
    if (!ignored[v]) lut[v] = packRgba(colors[v][0], colors[v][1], colors[v][2], alpha);
  }
  const pixels = new Uint32Array(width * height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = lut[data[i]];
  return encodeRgba(width, height, pixels);
}

/**
 * RGBA PNG error map for the UI: green where prediction equals ground truth,
 * red where it differs, solid grey where the ground truth is an ignore value
 * (see {@link ERROR_MAP_COLORS}). Both maps must have the same size.
 */
export function renderErrorMap(gt: LabelMap, pred: LabelMap, opts: { ignoreValues?: readonly number[] } = {}): Uint8Array {
  checkLabelMapShape(gt, "ground truth");
  checkLabelMapShape(pred, "prediction");
  checkSameSize(gt, pred, "ground truth", "prediction");
  const { width, height } = gt;
  const g = gt.data;
  const p = pred.data;
  const ignored = ignoreTable(g instanceof Uint8Array ? 256 : 65536, opts.ignoreValues);
  const correct = packRgba(...ERROR_MAP_COLORS.correct);
  const wrong = packRgba(...ERROR_MAP_COLORS.wrong);
  const grey = packRgba(...ERROR_MAP_COLORS.ignored);
  const pixels = new Uint32Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    const v = g[i];
    pixels[i] = ignored[v] ? grey : v === p[i] ? correct : wrong;
  }
  return encodeRgba(width, height, pixels);
}
