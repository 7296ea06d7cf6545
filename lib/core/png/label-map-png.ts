import { checkLabelMapShape, labelMapPngDepth } from "@/lib/core/masks/encode";
import type { LabelMap } from "@/lib/core/masks/types";
import { assemblePng, type Deflate } from "./png-writer";

/** The filtered rows of the last encode, reused by the next (the evaluation engine encodes one prediction per image). */
let rows = new Uint8Array(0);
/** Larger maps get rows of their own, so one huge map does not stay in memory for good. */
const MAX_KEPT_ROWS = 16 * 2 ** 20;

/**
 * Encodes a label map as a single-channel grey PNG like encodeLabelMap (the
 * same bit depth, decoding gives the same values), but with filter None on
 * every row and the host's `deflate` (e.g. node:zlib), so storing a
 * prediction costs a copy of its rows, not a JavaScript deflate. The rows go
 * into a buffer kept between calls, so `deflate` must not keep its input
 * (node:zlib's deflateSync does not).
 */
export function encodeLabelMapWith(map: LabelMap, deflate: Deflate): Uint8Array {
  checkLabelMapShape(map);
  const { width, height, data } = map;
  const depth = labelMapPngDepth(map);
  const rowBytes = width * (depth / 8);
  const size = height * (rowBytes + 1);
  if (rows.length < size && size <= MAX_KEPT_ROWS) rows = new Uint8Array(size);
  const raw = size <= MAX_KEPT_ROWS ? rows.subarray(0, size) : new Uint8Array(size);
  for (let y = 0, at = 1; y < height; y++, at += rowBytes + 1) {
    raw[at - 1] = 0;
    const row = data.subarray(y * width, (y + 1) * width);
    if (depth === 8) raw.set(row, at);
    else for (let x = 0; x < width; x++) {
      raw[at + 2 * x] = row[x] >> 8;
      raw[at + 2 * x + 1] = row[x] & 0xff;
    }
  }
  return assemblePng({ width, height, colorType: 0, depth }, deflate(raw));
}
