import { AppError } from "@/lib/core/errors";
import { channelsOf, invalidPng } from "./png-chunks";
import { averageRow1, paethRow1 } from "./unfilter-paeth";
import { LITTLE_ENDIAN, paethPredict, rowScratchOf, subRow1, upRow } from "./unfilter-rows";
import type { PngHeader, PngSamples } from "./types";
import { swap16WithWasm, unfilterWithWasm, type WasmSlot } from "./unfilter-wasm";

// One byte per pixel (8-bit grey and palette label maps, and every bit depth
// below 8) and Up at any pixel size go through the word-at-a-time rows of
// ./unfilter-rows and ./unfilter-paeth, after the row's filtered bytes are
// moved onto its output place. The row functions here serve Sub, Average and
// Paeth with two or more bytes per pixel (16-bit grey, grey + alpha, RGB(A)):
// they reverse one filter in place, the raw row going to buf[dst, dst + n)
// from the filtered bytes at buf[src, src + n) (src > dst), the previous raw
// row at buf[prev, prev + n), and walk the row four bytes at a time through a
// DataView: a zero word of filtered bytes where the pixel before repeats is
// settled without touching single bytes. A word is always read before the
// (overlapping, in-place) word before it is written, so in-place stays safe.
// Uint8Array stores wrap modulo 256, which is the arithmetic PNG asks for.

/** Writes buf[d, d + 4) as a copy of the pixel(s) to the left: buf[k] = buf[k - bpp], for bpp >= 2. */
function repeatLeft(buf: Uint8Array, dv: DataView, d: number, bpp: number): void {
  if (bpp >= 4) {
    dv.setInt32(d, dv.getInt32(d - bpp, true), true);
  } else if (bpp === 2) {
    const pair = buf[d - 2] | (buf[d - 1] << 8);
    dv.setInt32(d, pair | (pair << 16), true);
  } else {
    const first = buf[d - 3];
    dv.setInt32(d, first | (buf[d - 2] << 8) | (buf[d - 1] << 16) | (first << 24), true);
  }
}

/** Sub for bpp >= 2. */
function subRow(buf: Uint8Array, dv: DataView, dst: number, src: number, n: number, bpp: number): void {
  const head = Math.min(bpp, n);
  for (let i = 0; i < head; i++) buf[dst + i] = buf[src + i];
  let i = head;
  for (; i + 4 <= n; i += 4) {
    if (dv.getInt32(src + i, true) === 0) {
      repeatLeft(buf, dv, dst + i, bpp);
    } else {
      for (let k = i; k < i + 4; k++) buf[dst + k] = buf[src + k] + buf[dst + k - bpp];
    }
  }
  for (; i < n; i++) buf[dst + i] = buf[src + i] + buf[dst + i - bpp];
}

/** Average for bpp >= 2 (prev < 0 on the first row). */
function averageRow(buf: Uint8Array, dst: number, src: number, prev: number, n: number, bpp: number): void {
  const head = Math.min(bpp, n);
  if (prev < 0) {
    for (let i = 0; i < head; i++) buf[dst + i] = buf[src + i];
    for (let i = head; i < n; i++) buf[dst + i] = buf[src + i] + (buf[dst + i - bpp] >> 1);
    return;
  }
  for (let i = 0; i < head; i++) buf[dst + i] = buf[src + i] + (buf[prev + i] >> 1);
  for (let i = head; i < n; i++) buf[dst + i] = buf[src + i] + ((buf[dst + i - bpp] + buf[prev + i]) >> 1);
}

/** Paeth for bpp >= 2, not on the first row. */
function paethRow(buf: Uint8Array, dv: DataView, dst: number, src: number, prev: number, n: number, bpp: number): void {
  const head = Math.min(bpp, n);
  for (let i = 0; i < head; i++) buf[dst + i] = buf[src + i] + buf[prev + i];
  // Zero filtered bytes under an up row that repeats the pixel before it
  // (b === c for four bytes): each byte copies the pixel to its left.
  let i = head;
  for (; i + 4 <= n; i += 4) {
    if (dv.getInt32(src + i, true) === 0 && dv.getInt32(prev + i, true) === dv.getInt32(prev + i - bpp, true)) {
      repeatLeft(buf, dv, dst + i, bpp);
      continue;
    }
    for (let k = i; k < i + 4; k++) buf[dst + k] = buf[src + k] + paethPredict(buf[dst + k - bpp], buf[prev + k], buf[prev + k - bpp]);
  }
  for (; i < n; i++) buf[dst + i] = buf[src + i] + paethPredict(buf[dst + i - bpp], buf[prev + i], buf[prev + i - bpp]);
}

/** Word indices of the row functions stay exact below 2^32 bytes (`>>> 2`); larger buffers are refused. */
const MAX_BYTES = 2 ** 32 - 64;

/**
 * Reverses PNG row filtering (None, Sub, Up, Average, Paeth) IN PLACE: `buf`
 * holds `height` rows of one filter byte plus `rowBytes` filtered bytes; on
 * return buf[0, height * rowBytes) holds the raw rows, packed without filter
 * bytes. Writing in place is safe because every write lands before the next
 * byte still to be read. `bpp` is the byte distance to the left neighbour
 * (1 for bit depths below 8). Allocates a few small arrays per image, nothing
 * per row. Throws AppError on an unknown filter type ("invalid_input") or a
 * buffer of 4 GiB or more ("too_large").
 */
export function unfilterInPlace(buf: Uint8Array, rowBytes: number, height: number, bpp: number, fileName: string): void {
  if (buf.length > MAX_BYTES) throw new AppError("too_large", `${fileName}: the image data is too large to decode (${buf.length} bytes)`);
  const scratch = rowScratchOf(buf, rowBytes);
  const dv = bpp === 1 ? undefined : new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let src = 0;
  let dst = 0;
  for (let y = 0; y < height; y++) {
    const filter = buf[src++];
    const prev = dst - rowBytes;
    if (filter > 4) throw invalidPng(fileName, `unknown filter type ${filter} in row ${y}`);
    if (filter === 0 || (filter === 2 && y === 0)) {
      buf.copyWithin(dst, src, src + rowBytes);
    } else if (dv === undefined || filter === 2) {
      // Move the filtered bytes onto the row's output place, then undo the filter there.
      buf.copyWithin(dst, src, src + rowBytes);
      if (filter === 2) upRow(buf, scratch, dst, prev, rowBytes);
      else if (filter === 1 || y === 0) {
        if (filter === 3) averageFirstRow1(buf, dst, rowBytes);
        else subRow1(buf, scratch, dst, rowBytes);
      } else if (filter === 4) paethRow1(buf, scratch, dst, prev, rowBytes);
      else averageRow1(buf, scratch, dst, prev, rowBytes);
    } else if (filter === 1 || (filter === 4 && y === 0)) subRow(buf, dv, dst, src, rowBytes, bpp);
    else if (filter === 3) averageRow(buf, dst, src, y === 0 ? -1 : prev, rowBytes, bpp);
    else paethRow(buf, dv, dst, src, prev, rowBytes, bpp);
    src += rowBytes;
    dst += rowBytes;
  }
}

/** Average on the first row with one byte per pixel (the row above counts as zeros), filtered bytes at dst. */
function averageFirstRow1(buf: Uint8Array, dst: number, n: number): void {
  let a = 0;
  for (let i = 0; i < n; i++) buf[dst + i] = a = (buf[dst + i] + (a >> 1)) & 0xff;
}

/** Bytes per row (without the filter byte) of a non-interlaced PNG. */
export function rowBytesOf(header: PngHeader): number {
  return Math.ceil((header.width * header.bitDepth * channelsOf(header.colorType)) / 8);
}

/**
 * Turns the inflated zlib stream of a NON-interlaced PNG into samples, taking
 * `inflated` over: it is unfiltered (and 16-bit samples byte-swapped) in place,
 * and the returned data is a view on it, no copy (16-bit data is copied only if
 * `inflated` starts at an odd byte offset). Extra bytes after the last row are
 * ignored, missing ones are an error. Runs the WebAssembly kernel when it is
 * initialised (lib/core/wasm); with `slot` the data is then a view on that
 * wasm slot instead of on `inflated` (see DecodeOptions.wasmSlot).
 */
export function unfilterPng(inflated: Uint8Array, header: PngHeader, fileName: string, slot?: WasmSlot): PngSamples {
  const { width, height, bitDepth } = header;
  const channels = channelsOf(header.colorType);
  const rowBytes = rowBytesOf(header);
  const expected = height * (rowBytes + 1);
  if (inflated.length < expected) {
    throw invalidPng(fileName, `the image data is truncated: ${inflated.length} of ${expected} bytes`);
  }
  const bpp = Math.max(1, (bitDepth * channels) >> 3);
  const size = height * rowBytes;
  let raw = unfilterWithWasm(inflated, rowBytes, height, bpp, fileName, slot);
  if (raw === null) {
    unfilterInPlace(inflated, rowBytes, height, bpp, fileName);
    raw = new Uint8Array(inflated.buffer, inflated.byteOffset, size);
  }
  if (bitDepth !== 16) return { width, height, depth: bitDepth, channels, data: raw };
  return { width, height, depth: 16, channels, data: bigEndianToUint16(raw, size >> 1) };
}

/**
 * The first `count` big-endian 16-bit samples of `bytes` as numbers: byte-swapped
 * in place and returned as a view when the offset is even, else copied.
 */
function bigEndianToUint16(bytes: Uint8Array, count: number): Uint16Array {
  if (swap16WithWasm(bytes, count)) return new Uint16Array(bytes.buffer, bytes.byteOffset, count);
  if (bytes.byteOffset % 2 === 0) {
    const view = new Uint16Array(bytes.buffer, bytes.byteOffset, count);
    if (LITTLE_ENDIAN) {
      for (let i = 0; i < count; i++) {
        const v = view[i];
        view[i] = (v >>> 8) | (v << 8);
      }
    }
    return view;
  }
  const out = new Uint16Array(count);
  for (let i = 0, j = 0; i < count; i++, j += 2) out[i] = (bytes[j] << 8) | bytes[j + 1];
  return out;
}
