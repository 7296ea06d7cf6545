import { checkLabelMapShape, labelMapPngDepth } from "@/lib/core/masks/encode";
import type { LabelMap } from "@/lib/core/masks/types";
import { assemblePng, type Deflate } from "./png-writer";

/**
 * Encodes a label map as a single-channel grey PNG like encodeLabelMap (the
 * same bit depth, decoding gives the same values), but with filter None on
 * every row and the host's `deflate` (e.g. node:zlib), so storing a
 * prediction costs a copy of its rows, not a JavaScript deflate.
 */
export function encodeLabelMapWith(map: LabelMap, deflate: Deflate): Uint8Array {
  checkLabelMapShape(map);
  const { width, height, data } = map;
  const depth = labelMapPngDepth(map);
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
  return assemblePng({ width, height, colorType: 0, depth }, deflate(raw));
}
