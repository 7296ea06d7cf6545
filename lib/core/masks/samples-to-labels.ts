import { AppError } from "@/lib/core/errors";
import { buildColorLookup, mapColors } from "./color-table";
import { COLOR_TYPE, type DecodeOptions, type LabelArray, type LabelMap, type PngSamples } from "./types";

/**
 * Unpacks rows of 1-, 2- or 4-bit samples (most significant bits first, each
 * row padded to a whole byte) into one byte per pixel. Values are the raw
 * samples (a 2-bit mask holds 0..3), never scaled to 0..255.
 */
export function unpackSubByte(packed: Uint8Array, width: number, height: number, depth: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const rowBytes = Math.ceil((width * depth) / 8);
  const perByte = 8 / depth;
  const mask = (1 << depth) - 1;
  let o = 0;
  for (let y = 0; y < height; y++) {
    let p = y * rowBytes;
    for (let x = 0; x < width; p++) {
      const byte = packed[p];
      const stop = Math.min(width, x + perByte);
      for (let shift = 8 - depth; x < stop; x++, shift -= depth) out[o++] = (byte >> shift) & mask;
    }
  }
  return out;
}

/** Keeps the first of every `channels` samples (grey + alpha -> grey), in the input's array type. */
function firstChannel(data: Uint8Array | Uint16Array, n: number, channels: number): LabelArray {
  const out = data instanceof Uint16Array ? new Uint16Array(n) : new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += channels) out[i] = data[j];
  return out;
}

/**
 * Turns decoded PNG samples into a label map: grey and palette samples are the
 * class values (palette INDICES, not colours), 8-bit data is returned without a
 * copy, bit depths 1/2/4 are unpacked, the alpha of grey + alpha is dropped, and
 * RGB(A) colours go through `opts.colorTable` (+ `colorTableExtra`).
 */
export function samplesToLabelMap(samples: PngSamples, colorType: number, opts: DecodeOptions, fileName: string): LabelMap {
  const { width, height, depth, channels, data } = samples;
  const n = width * height;
  const expected = depth < 8 ? Math.ceil((width * depth) / 8) * height : n * channels;
  if (data.length !== expected) {
    throw new AppError("invalid_input", `${fileName}: not a valid PNG (decoded ${data.length} samples, expected ${expected})`);
  }
  if (colorType === COLOR_TYPE.grey || colorType === COLOR_TYPE.palette) {
    if (depth < 8) return { width, height, data: unpackSubByte(data as Uint8Array, width, height, depth) };
    return { width, height, data };
  }
  if (colorType === COLOR_TYPE.greyAlpha) return { width, height, data: firstChannel(data, n, channels) };
  if (!opts.colorTable) {
    throw new AppError(
      "invalid_input",
      `${fileName}: RGB colour mask, but no class colour table was given to map its colours to classes (or save masks as grey or palette PNGs of class indices)`,
    );
  }
  const lookup = buildColorLookup(opts.colorTable, opts.colorTableExtra, fileName);
  return { width, height, data: mapColors(samples, lookup, fileName, opts.unknownColorValue) };
}
