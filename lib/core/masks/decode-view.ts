/**
 * Decoding a label map straight to display size: the zlib stream is pushed in
 * chunk by chunk, rows are unfiltered a band at a time (with the exported
 * unfilterPng, on a band whose first row is the previous raw row stored with
 * filter None), and only the rows and columns that nearest-neighbour
 * downsampling keeps are copied out. Memory is one band of rows plus the
 * output, whatever the image size. The result equals
 * `downsampleNearest(decodeLabelMap(bytes), viewSize(...))`.
 */
import { AppError } from "@/lib/core/errors";
import { channelsOf, invalidPng, readImageData, readPngHeader, checkPixelLimit } from "./png-chunks";
import { samplesToLabelMap } from "./samples-to-labels";
import type { DecodeOptions, LabelMap, PngHeader } from "./types";
import { unfilterPng } from "./unfilter";
import type { Inflate } from "./decode";

/** Rows unfiltered per band. */
const BAND_ROWS = 32;

/** Output size of a view: the image scaled so its long side is at most `maxSide` (never up), each side >= 1. */
export function viewSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const long = Math.max(width, height);
  if (long <= maxSide) return { width, height };
  return { width: Math.max(1, Math.round((width * maxSide) / long)), height: Math.max(1, Math.round((height * maxSide) / long)) };
}

/** Source index that output index `o` of `outN` samples from `inN`: the centre of its cell, rounded down (exact integers). */
export function nearestIndex(o: number, outN: number, inN: number): number {
  return Math.min(inN - 1, Math.floor(((2 * o + 1) * inN) / (2 * outN)));
}

/** Nearest-neighbour resize of a decoded label map (the reference the streaming decoder must match). */
export function downsampleNearest(map: LabelMap, width: number, height: number): LabelMap {
  const data = map.data instanceof Uint16Array ? new Uint16Array(width * height) : new Uint8Array(width * height);
  const xs = Int32Array.from({ length: width }, (_, x) => nearestIndex(x, width, map.width));
  for (let y = 0, o = 0; y < height; y++) {
    const row = nearestIndex(y, height, map.height) * map.width;
    for (let x = 0; x < width; x++) data[o++] = map.data[row + xs[x]];
  }
  return { width, height, data };
}

/** A push decoder: feed it the inflated image data in any chunking, then call finish(). */
export interface DownsampleDecoder {
  push(chunk: Uint8Array): void;
  finish(): LabelMap;
}

/**
 * Starts a decoder of a non-interlaced PNG (`header`) to `size` by nearest
 * neighbour. Same values, array types and errors as decodeLabelMap (RGB(A)
 * through `opts.colorTable`); bytes beyond the image data, a short stream or
 * an unknown filter type are AppError("invalid_input").
 */
export function createDownsampleDecoder(header: PngHeader, size: { width: number; height: number }, opts: DecodeOptions = {}): DownsampleDecoder {
  const fileName = opts.fileName ?? "label map";
  if (header.interlaced) throw invalidPng(fileName, "interlaced PNGs are not read by the streaming decoder");
  const { width, height, bitDepth: depth, colorType } = header;
  const channels = channelsOf(colorType);
  const rowBytes = Math.ceil((width * channels * depth) / 8);
  const stride = rowBytes + 1;
  const out = { width: size.width, height: size.height };
  const xs = Int32Array.from({ length: out.width }, (_, x) => nearestIndex(x, out.width, width));
  const ys = Int32Array.from({ length: out.height }, (_, y) => nearestIndex(y, out.height, height));
  const n = out.width * out.height;
  const subByte = depth < 8;
  const samples = subByte ? new Uint8Array(n) : depth === 16 ? new Uint16Array(n * channels) : new Uint8Array(n * channels);
  // band[0, stride) holds the previous raw row behind filter byte 0 (None); rows 1.. are filtered rows as they arrive.
  const band = new Uint8Array(stride * (BAND_ROWS + 1));
  let filled = stride; // bytes of band in use
  let rowsDone = 0; // image rows unfiltered so far
  let nextOut = 0; // next output row to fill

  const pickRow = (samplesRow: Uint8Array | Uint16Array, rowStart: number, oy: number): void => {
    let o = oy * out.width * (subByte ? 1 : channels);
    if (subByte) {
      const mask = (1 << depth) - 1;
      for (let x = 0; x < out.width; x++) {
        const bit = xs[x] * depth;
        samples[o++] = (samplesRow[rowStart + (bit >> 3)] >> (8 - depth - (bit & 7))) & mask;
      }
      return;
    }
    for (let x = 0; x < out.width; x++) {
      const at = rowStart + xs[x] * channels;
      for (let c = 0; c < channels; c++) samples[o++] = samplesRow[at + c];
    }
  };

  const flush = (): void => {
    const rows = filled / stride - 1;
    if (rows === 0) return;
    const raw = unfilterPng(band.subarray(0, filled), { width, height: rows + 1, bitDepth: depth, colorType, interlaced: false }, fileName).data;
    const perRow = depth === 16 ? rowBytes >> 1 : rowBytes;
    for (let r = 1; r <= rows; r++) {
      const y = rowsDone + r - 1;
      while (nextOut < out.height && ys[nextOut] === y) pickRow(raw, r * perRow, nextOut++);
    }
    // The last raw row becomes the next band's first row (big-endian bytes again for 16-bit samples).
    const last = rows * perRow;
    const lastRow = raw.slice(last, last + perRow);
    if (lastRow instanceof Uint16Array) {
      for (let i = 0; i < perRow; i++) {
        band[1 + 2 * i] = lastRow[i] >> 8;
        band[2 + 2 * i] = lastRow[i] & 0xff;
      }
    } else {
      band.set(lastRow, 1);
    }
    band[0] = 0;
    rowsDone += rows;
    filled = stride;
  };

  return {
    push(chunk: Uint8Array): void {
      if (rowsDone * stride + filled - stride + chunk.length > height * stride) {
        throw invalidPng(fileName, "the image data is longer than the image");
      }
      for (let at = 0; at < chunk.length; ) {
        const take = Math.min(chunk.length - at, band.length - filled);
        band.set(chunk.subarray(at, at + take), filled);
        filled += take;
        at += take;
        if (filled === band.length) flush();
      }
    },
    finish(): LabelMap {
      if (filled % stride !== 0 || rowsDone + filled / stride - 1 !== height) {
        const got = rowsDone * stride + filled - stride;
        throw invalidPng(fileName, `the image data is truncated: ${got} of ${height * stride} bytes`);
      }
      flush();
      if (subByte) return { ...out, data: samples as Uint8Array };
      return samplesToLabelMap({ ...out, depth, channels, data: samples }, colorType, opts, fileName);
    },
  };
}

/**
 * Synchronous form: checks the header (`opts.maxPixels`), inflates the whole
 * stream with `inflate` and decodes it to at most `maxSide` on the long side.
 * Meant for tests and small images; servers stream (lib/server/masks).
 */
export function decodeLabelMapDownsampled(bytes: Uint8Array, inflate: Inflate, maxSide: number, opts: DecodeOptions = {}): LabelMap {
  const fileName = opts.fileName ?? "label map";
  const header = readPngHeader(bytes, fileName);
  checkPixelLimit(header, fileName, opts.maxPixels);
  const decoder = createDownsampleDecoder(header, viewSize(header.width, header.height, maxSide), opts);
  let inflated: Uint8Array;
  try {
    inflated = inflate(readImageData(bytes, fileName));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidPng(fileName, `the image data does not inflate: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  decoder.push(inflated);
  return decoder.finish();
}
