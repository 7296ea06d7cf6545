import { checkLabelMapShape } from "@/lib/core/masks/encode";
import type { LabelMap } from "@/lib/core/masks/types";
import { assemblePng } from "./png-writer";

/** A zlib compressor supplied by the host (core does no I/O and has no native zlib), possibly on another thread. */
export type AsyncDeflate = (raw: Uint8Array) => Promise<Uint8Array>;

/**
 * Encodes a label map as a single-channel grey PNG like encodeLabelMap
 * (8-bit when every value is <= 255, also for a Uint16Array; 16-bit
 * otherwise; decoding gives the same values), but with filter None on every
 * row and the host's `deflate` (e.g. node:zlib on its thread pool), so
 * storing a prediction costs a copy of its rows, not a JavaScript deflate.
 */
export async function encodeLabelMapWith(map: LabelMap, deflate: AsyncDeflate): Promise<Uint8Array> {
  checkLabelMapShape(map);
  const { width, height, data } = map;
  let max = 0;
  if (data instanceof Uint16Array) for (let i = 0; i < data.length; i++) if (data[i] > max) max = data[i];
  const depth = max > 0xff ? 16 : 8;
  const rowBytes = width * (depth / 8);
  const raw = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0, at = 1; y < height; y++, at += rowBytes + 1) {
    const row = data.subarray(y * width, (y + 1) * width);
    if (depth === 8) raw.set(row, at);
    else for (let x = 0; x < width; x++) {
      raw[at + 2 * x] = row[x] >> 8;
      raw[at + 2 * x + 1] = row[x] & 0xff;
    }
  }
  return assemblePng({ width, height, colorType: 0, depth }, await deflate(raw));
}
