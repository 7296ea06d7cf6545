import { decode } from "fast-png";
import { checkPixelLimit, invalidPng, joinParts, readImageData, readImageParts, readPngHeader, type Crc32 } from "./png-chunks";
import { samplesToLabelMap } from "./samples-to-labels";
import type { DecodeOptions, LabelMap, PngHeader, PngSamples } from "./types";
import { unfilterPng } from "./unfilter";
import { slotTarget } from "./unfilter-wasm";

/** A zlib inflater: zlib stream in, all decompressed bytes out (e.g. Node's `zlib.inflateSync`). */
export type Inflate = (data: Uint8Array) => Uint8Array;

/**
 * What a host lends the decoder beyond an inflater (lib/core cannot import
 * node:zlib): `inflateInto` inflates the stream, given as its pieces in order
 * (the IDAT chunks' data, not joined), straight into `out` (from its start)
 * and returns the bytes written, or -1 when it cannot vouch for the result
 * (the stream fills `out`, is damaged, or the host lacks the means), after
 * which the decoder calls `inflate`, whose bytes or error count as usual;
 * `crc32` checks the chunk CRCs (the TypeScript one otherwise).
 */
export interface ZlibHost {
  inflate: Inflate;
  inflateInto?: (parts: readonly Uint8Array[], out: Uint8Array) => number;
  crc32?: Crc32;
}

const DEFAULT_NAME = "label map";

function errorReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : "";
  const message = error.message.replace(/[:\s]+$/, "");
  return cause ? `${message}: ${cause}` : message;
}

function checkHeader(bytes: Uint8Array, opts: DecodeOptions, fileName: string): PngHeader {
  const header = readPngHeader(bytes, fileName);
  checkPixelLimit(header, fileName, opts.maxPixels);
  return header;
}

/**
 * Decodes a PNG label map exactly, with fast-png (pure JavaScript, runs anywhere):
 * 8/16-bit grey, palette (indices, not colours; VOC's 255 stays 255), bit depths
 * 1/2/4 unpacked to raw values, grey + alpha (alpha ignored), RGB(A) through
 * `opts.colorTable`. 8-bit output is a Uint8Array, 16-bit grey a Uint16Array.
 * The header is checked against `opts.maxPixels` (AppError "too_large") before
 * anything is inflated, then every chunk's length and CRC; any other problem
 * is AppError("invalid_input") naming `opts.fileName`. Interlaced PNGs are read
 * too, except below 8 bits per sample, where fast-png's Adam7 code is wrong:
 * those are refused with a clear message.
 */
export function decodeLabelMap(bytes: Uint8Array, opts: DecodeOptions = {}): LabelMap {
  const fileName = opts.fileName ?? DEFAULT_NAME;
  const header = checkHeader(bytes, opts, fileName);
  if (header.interlaced && header.bitDepth < 8) {
    throw invalidPng(
      fileName,
      `interlaced (Adam7) PNGs with bit depth ${header.bitDepth} are not supported; save the mask without interlacing`,
    );
  }
  // Walk the chunks first: structural damage (truncation, CRC) gets the same clear message as decodeLabelMapWith.
  readImageData(bytes, fileName);
  let samples: PngSamples;
  try {
    const png = decode(bytes);
    const data = png.data instanceof Uint8ClampedArray ? new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) : png.data;
    samples = { width: png.width, height: png.height, depth: png.depth, channels: png.channels, data };
  } catch (error) {
    throw invalidPng(fileName, errorReason(error), error);
  }
  return samplesToLabelMap(samples, header.colorType, opts, fileName);
}

/**
 * Same result as {@link decodeLabelMap}, but parses the chunks and unfilters the
 * rows itself and inflates with the injected `inflate`, so Node callers get
 * native zlib speed (`decodeLabelMapWith(bytes, zlib.inflateSync, opts)`) while
 * this module stays pure. The inflater's output is taken over and unfiltered in
 * place (8-bit label data is a view on it). Chunk CRCs are checked; a short
 * zlib stream is an error. To bound memory, pass an inflater with a cap, e.g.
 * `(d) => zlib.inflateSync(d, { maxOutputLength })`; `opts.maxPixels` already
 * bounds what a valid image can need. Interlaced PNGs go through fast-png.
 * A {@link ZlibHost} in place of `inflate` can also lend a native CRC and an
 * inflater that writes into a given buffer: with `opts.wasmSlot` the image is
 * then inflated straight into that slot (no output buffer, no copy).
 */
export function decodeLabelMapWith(bytes: Uint8Array, inflate: Inflate | ZlibHost, opts: DecodeOptions = {}): LabelMap {
  const fileName = opts.fileName ?? DEFAULT_NAME;
  const header = checkHeader(bytes, opts, fileName);
  if (header.interlaced) return decodeLabelMap(bytes, opts);
  const host = typeof inflate === "function" ? { inflate } : inflate;
  const parts = readImageParts(bytes, fileName, host.crc32);
  let inflated: Uint8Array;
  try {
    const into = host.inflateInto;
    const target = into && opts.wasmSlot !== undefined ? slotTarget(opts.wasmSlot) : null;
    const written = into && target ? into(parts, target) : -1;
    inflated = target && written >= 0 ? target.subarray(0, written) : host.inflate(joinParts(parts));
  } catch (error) {
    throw invalidPng(fileName, `the image data does not inflate: ${errorReason(error)}`, error);
  }
  const samples = unfilterPng(inflated, header, fileName, opts.wasmSlot);
  return samplesToLabelMap(samples, header.colorType, opts, fileName);
}
