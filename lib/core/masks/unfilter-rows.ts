// Word-at-a-time PNG row unfiltering for label maps (one byte per pixel: 8-bit
// grey and palette, and every bit depth below 8; Up at any pixel size).
//
// Filtered label rows are almost all zero bytes (about 99 % on CamVid and on
// street scenes) and a zero filtered byte means "the raw byte is the
// predictor". Before a row function runs, the caller moves the row's filtered
// bytes onto the row's output place (one memmove), so that filtered bytes and
// output share their alignment and can be read as aligned 32-bit words. The
// row is then scanned 16 bytes (4 words) per step; the few non-zero groups are
// saved, and everything else is settled in bulk:
// - Up: the row above is copied in (one memmove), the saved groups are added
//   back with a carry-free byte-wise add of whole words (SWAR).
// - Sub: zero stretches repeat the left value (fill); non-zero words get a
//   SWAR prefix sum.
// - Paeth and Average: the row above is copied in first; where the left value
//   equals the upper-left one (Paeth) or the byte above (Average) a zero
//   stretch already holds the right bytes; elsewhere the exact per-byte rule.
// Layout: the row is buf[dst, dst + n), the raw row above is buf[prev, prev +
// n), prev + n === dst. A row may start anywhere relative to the word grid:
// the bytes before the first whole word (head) and after the last whole group
// (tail) take the per-byte path. Uint8Array stores wrap modulo 256.

/** 0x01 in every byte of a word: Math.imul(v, ONES) repeats byte v four times. */
export const ONES = 0x01010101;
const LOW7 = 0x7f7f7f7f;
const HIGH = 0x80808080 | 0;
/** From this many words on, fill / copyWithin beat a word loop (a native call costs ~360 instructions, ~25 ns). */
const NATIVE_WORDS = 48;

/** True when the first byte in memory is the least significant byte of a word (every platform Node runs on today). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Per-image state of the row functions: aligned words over the buffer and room to save one row's non-zero groups. */
export interface RowScratch {
  /** words[i] covers buf[4 * i - off, 4 * i - off + 4). */
  words: Int32Array;
  off: number;
  saved: Int32Array;
  savedBytes: Uint8Array;
  /** Word index of each saved group. */
  groupAt: Int32Array;
}

/** Allocates the scratch for unfiltering `buf` with rows of `rowBytes` bytes (once per image). */
export function rowScratchOf(buf: Uint8Array, rowBytes: number): RowScratch {
  const off = buf.byteOffset & 3;
  const saved = new Int32Array((rowBytes >>> 2) + 4);
  return {
    words: new Int32Array(buf.buffer, buf.byteOffset - off, Math.floor((buf.length + off) / 4)),
    off,
    saved,
    savedBytes: new Uint8Array(saved.buffer),
    groupAt: new Int32Array((rowBytes >>> 4) + 1),
  };
}

/** Byte-wise sum modulo 256 of two words, with no carry from one byte into the next. */
export function addBytes(x: number, y: number): number {
  return ((x & LOW7) + (y & LOW7)) ^ ((x ^ y) & HIGH);
}

/**
 * The Sub filter undone on one word: byte i of the result is left + x0 + ... + xi
 * (mod 256), x0 being the byte first in memory. `littleEndian` tells which end
 * of the word that is.
 */
export function prefixSumWord(x: number, left: number, littleEndian: boolean): number {
  let p = littleEndian ? addBytes(x, x << 8) : addBytes(x, x >>> 8);
  p = littleEndian ? addBytes(p, p << 16) : addBytes(p, p >>> 16);
  return addBytes(p, Math.imul(left, ONES));
}

/** The Paeth predictor of PNG from left a, above b, upper-left c (bytes), without branches. */
export function paethPredict(a: number, b: number, c: number): number {
  const p1 = b - c;
  const p2 = a - c;
  const p3 = p1 + p2;
  const pa = (p1 ^ (p1 >> 31)) - (p1 >> 31);
  const pb = (p2 ^ (p2 >> 31)) - (p2 >> 31);
  const pc = (p3 ^ (p3 >> 31)) - (p3 >> 31);
  const notA = ((pb - pa) | (pc - pa)) >> 31;
  const notB = (pc - pb) >> 31;
  const bc = b ^ ((b ^ c) & notB);
  return a ^ ((a ^ bc) & notA);
}

/**
 * Where a row's whole 16-byte groups lie: `head` bytes before the first whole
 * word, groups in words [w0, gEnd), the bytes from `midEnd` (absolute) to the
 * row end after them. A row shorter than its head has no groups.
 */
export interface Span {
  head: number;
  w0: number;
  gEnd: number;
  midEnd: number;
}

/** Fills `span` for the row buf[dst, dst + n) and returns it (one shared object: no allocation per row). */
export function spanOf(dst: number, off: number, n: number, span: Span): Span {
  const head = (4 - ((dst + off) & 3)) & 3;
  if (head >= n) {
    span.head = n;
    span.w0 = span.gEnd = 0;
    span.midEnd = dst + n;
    return span;
  }
  span.head = head;
  span.w0 = (dst + head + off) >>> 2;
  span.gEnd = span.w0 + ((n - head) >>> 4) * 4;
  span.midEnd = span.gEnd * 4 - off;
  return span;
}

const SPAN: Span = { head: 0, w0: 0, gEnd: 0, midEnd: 0 };

/** Saves the non-zero 4-word groups of words [w0, gEnd) into the scratch; returns how many. */
export function saveGroups(s: RowScratch, w0: number, gEnd: number): number {
  const { words, saved, groupAt } = s;
  let count = 0;
  for (let w = w0; ; w += 4) {
    while (w < gEnd && (words[w] | words[w + 1] | words[w + 2] | words[w + 3]) === 0) w += 4;
    if (w >= gEnd) return count;
    const at = count << 2;
    saved[at] = words[w];
    saved[at + 1] = words[w + 1];
    saved[at + 2] = words[w + 2];
    saved[at + 3] = words[w + 3];
    groupAt[count++] = w;
  }
}

/** buf bytes of words [from, to) = v. */
export function fillWords(buf: Uint8Array, words: Int32Array, off: number, from: number, to: number, v: number): void {
  if (to - from >= NATIVE_WORDS) {
    buf.fill(v, from * 4 - off, to * 4 - off);
    return;
  }
  const vw = Math.imul(v, ONES);
  for (let i = from; i < to; i++) words[i] = vw;
}

/** Up, any bytes per pixel, not the first row (filtered bytes already at dst): raw = filtered + above. */
export function upRow(buf: Uint8Array, s: RowScratch, dst: number, prev: number, n: number): void {
  const { words, off, saved } = s;
  const { head, w0, gEnd, midEnd } = spanOf(dst, off, n, SPAN);
  const count = saveGroups(s, w0, gEnd);
  buf.copyWithin(dst + head, prev + head, midEnd - n);
  for (let g = 0; g < count; g++) {
    const w = s.groupAt[g];
    const at = g << 2;
    words[w] = addBytes(words[w], saved[at]);
    words[w + 1] = addBytes(words[w + 1], saved[at + 1]);
    words[w + 2] = addBytes(words[w + 2], saved[at + 2]);
    words[w + 3] = addBytes(words[w + 3], saved[at + 3]);
  }
  for (let i = 0; i < head; i++) buf[dst + i] += buf[prev + i];
  for (let i = midEnd - dst; i < n; i++) buf[dst + i] += buf[prev + i];
}

/** Sub with one byte per pixel, also Paeth on the first row (filtered bytes already at dst): raw = filtered + left. */
export function subRow1(buf: Uint8Array, s: RowScratch, dst: number, n: number): void {
  const { words, off } = s;
  const { head, w0, gEnd, midEnd } = spanOf(dst, off, n, SPAN);
  let a = 0;
  for (let i = 0; i < head; i++) buf[dst + i] = a = (a + buf[dst + i]) & 0xff;
  let w = w0;
  while (w < gEnd) {
    const start = w;
    while (w < gEnd && (words[w] | words[w + 1] | words[w + 2] | words[w + 3]) === 0) w += 4;
    fillWords(buf, words, off, start, w, a);
    if (w === gEnd) break;
    for (const end = w + 4; w < end; w++) {
      const x = words[w];
      if (x === 0) {
        words[w] = Math.imul(a, ONES);
        continue;
      }
      words[w] = prefixSumWord(x, a, LITTLE_ENDIAN);
      a = buf[w * 4 - off + 3];
    }
  }
  for (let i = midEnd - dst; i < n; i++) buf[dst + i] = a = (a + buf[dst + i]) & 0xff;
}
