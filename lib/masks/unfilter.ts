import { channelsOf, invalidPng } from "./png-chunks";
import type { PngHeader, PngSamples } from "./types";

// Each row function reverses one PNG filter in place: the raw row goes to
// buf[dst, dst + n) from the filtered bytes at buf[src, src + n) (src > dst);
// the previous raw row sits at buf[prev, prev + n), prev < 0 on the first row.
// Uint8Array stores wrap modulo 256, which is the arithmetic PNG asks for.
// Label maps filter to long runs of zero bytes, so the rows are walked four
// bytes at a time through a DataView (unaligned 32-bit loads are fast in V8):
// a zero word of filtered bytes means "same as the predictor", settled without
// touching single bytes. A word is always read before the (overlapping,
// in-place) word before it is written, so in-place stays safe.

const ONES = 0x01010101;

function upRow(buf: Uint8Array, dv: DataView, dst: number, src: number, prev: number, n: number): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    if (dv.getInt32(src + i, true) === 0) {
      dv.setInt32(dst + i, dv.getInt32(prev + i, true), true);
      continue;
    }
    for (let k = i; k < i + 4; k++) buf[dst + k] = buf[src + k] + buf[prev + k];
  }
  for (; i < n; i++) buf[dst + i] = buf[src + i] + buf[prev + i];
}

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

function subRow(buf: Uint8Array, dv: DataView, dst: number, src: number, n: number, bpp: number): void {
  const head = Math.min(bpp, n);
  for (let i = 0; i < head; i++) buf[dst + i] = buf[src + i];
  if (bpp !== 1) {
    let i = head;
    for (; i + 4 <= n; i += 4) {
      if (dv.getInt32(src + i, true) === 0) {
        repeatLeft(buf, dv, dst + i, bpp);
      } else {
        for (let k = i; k < i + 4; k++) buf[dst + k] = buf[src + k] + buf[dst + k - bpp];
      }
    }
    for (; i < n; i++) buf[dst + i] = buf[src + i] + buf[dst + i - bpp];
    return;
  }
  let a = buf[dst];
  let i = 1;
  for (; i + 4 <= n; i += 4) {
    if (dv.getInt32(src + i, true) === 0) {
      dv.setInt32(dst + i, Math.imul(a, ONES), true);
      continue;
    }
    for (let k = i; k < i + 4; k++) buf[dst + k] = a = (buf[src + k] + a) & 0xff;
  }
  for (; i < n; i++) buf[dst + i] = a = (buf[src + i] + a) & 0xff;
}

function averageRow(buf: Uint8Array, dv: DataView, dst: number, src: number, prev: number, n: number, bpp: number): void {
  const head = Math.min(bpp, n);
  if (prev < 0) {
    for (let i = 0; i < head; i++) buf[dst + i] = buf[src + i];
    for (let i = head; i < n; i++) buf[dst + i] = buf[src + i] + (buf[dst + i - bpp] >> 1);
    return;
  }
  for (let i = 0; i < head; i++) buf[dst + i] = buf[src + i] + (buf[prev + i] >> 1);
  if (bpp !== 1) {
    for (let i = head; i < n; i++) buf[dst + i] = buf[src + i] + ((buf[dst + i - bpp] + buf[prev + i]) >> 1);
    return;
  }
  // With zero filtered bytes under an up row equal to the left value, the average is the left value.
  let a = buf[dst];
  let i = 1;
  for (; i + 4 <= n; i += 4) {
    const flat = Math.imul(a, ONES);
    if (dv.getInt32(src + i, true) === 0 && dv.getInt32(prev + i, true) === flat) {
      dv.setInt32(dst + i, flat, true);
      continue;
    }
    for (let k = i; k < i + 4; k++) buf[dst + k] = a = (buf[src + k] + ((a + buf[prev + k]) >> 1)) & 0xff;
  }
  for (; i < n; i++) buf[dst + i] = a = (buf[src + i] + ((a + buf[prev + i]) >> 1)) & 0xff;
}

/** Paeth predictor; label maps are mostly flat, so the equal-neighbour cases come first. */
function paethPredict(a: number, b: number, c: number): number {
  if (b === c) return a;
  if (a === c) return b;
  const pa = b > c ? b - c : c - b;
  const pb = a > c ? a - c : c - a;
  const abc = a + b - c - c;
  const pc = abc < 0 ? -abc : abc;
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function paethRow(buf: Uint8Array, dv: DataView, dst: number, src: number, prev: number, n: number, bpp: number): void {
  const head = Math.min(bpp, n);
  for (let i = 0; i < head; i++) buf[dst + i] = buf[src + i] + buf[prev + i];
  if (bpp !== 1) {
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
    return;
  }
  // a = left, c = up-left; zero filtered words take the two shortcuts below.
  let a = buf[dst];
  let c = buf[prev];
  let i = 1;
  for (; i + 4 <= n; i += 4) {
    if (dv.getInt32(src + i, true) === 0) {
      const up = dv.getInt32(prev + i, true);
      if (up === Math.imul(c, ONES)) {
        // Flat up row: the predictor is the left value throughout.
        dv.setInt32(dst + i, Math.imul(a, ONES), true);
        continue;
      }
      if (a === c) {
        // Left equals up-left: the predictor is the up value, and stays so.
        dv.setInt32(dst + i, up, true);
        a = c = buf[prev + i + 3];
        continue;
      }
    }
    for (let k = i; k < i + 4; k++) {
      const b = buf[prev + k];
      buf[dst + k] = a = (buf[src + k] + paethPredict(a, b, c)) & 0xff;
      c = b;
    }
  }
  for (; i < n; i++) {
    const b = buf[prev + i];
    buf[dst + i] = a = (buf[src + i] + paethPredict(a, b, c)) & 0xff;
    c = b;
  }
}

/**
 * Reverses PNG row filtering (None, Sub, Up, Average, Paeth) IN PLACE: `buf`
 * holds `height` rows of one filter byte plus `rowBytes` filtered bytes; on
 * return buf[0, height * rowBytes) holds the raw rows, packed without filter
 * bytes. Writing in place is safe because every write lands before the next
 * byte still to be read. `bpp` is the byte distance to the left neighbour
 * (1 for bit depths below 8). Throws AppError on an unknown filter type.
 */
export function unfilterInPlace(buf: Uint8Array, rowBytes: number, height: number, bpp: number, fileName: string): void {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let src = 0;
  let dst = 0;
  for (let y = 0; y < height; y++) {
    const filter = buf[src++];
    const prev = y === 0 ? -1 : dst - rowBytes;
    if (filter === 0 || (filter === 2 && prev < 0)) buf.copyWithin(dst, src, src + rowBytes);
    else if (filter === 1 || (filter === 4 && prev < 0)) subRow(buf, dv, dst, src, rowBytes, bpp);
    else if (filter === 2) upRow(buf, dv, dst, src, prev, rowBytes);
    else if (filter === 3) averageRow(buf, dv, dst, src, prev, rowBytes, bpp);
    else if (filter === 4) paethRow(buf, dv, dst, src, prev, rowBytes, bpp);
    else throw invalidPng(fileName, `unknown filter type ${filter} in row ${y}`);
    src += rowBytes;
    dst += rowBytes;
  }
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
 * ignored, missing ones are an error.
 */
export function unfilterPng(inflated: Uint8Array, header: PngHeader, fileName: string): PngSamples {
  const { width, height, bitDepth } = header;
  const channels = channelsOf(header.colorType);
  const rowBytes = rowBytesOf(header);
  const expected = height * (rowBytes + 1);
  if (inflated.length < expected) {
    throw invalidPng(fileName, `the image data is truncated: ${inflated.length} of ${expected} bytes`);
  }
  const bpp = Math.max(1, (bitDepth * channels) >> 3);
  unfilterInPlace(inflated, rowBytes, height, bpp, fileName);
  const size = height * rowBytes;
  if (bitDepth !== 16) {
    return { width, height, depth: bitDepth, channels, data: new Uint8Array(inflated.buffer, inflated.byteOffset, size) };
  }
  return { width, height, depth: 16, channels, data: bigEndianToUint16(inflated, size >> 1) };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The first `count` big-endian 16-bit samples of `bytes` as numbers: byte-swapped
 * in place and returned as a view when the offset is even, else copied.
 */
function bigEndianToUint16(bytes: Uint8Array, count: number): Uint16Array {
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
