// WebAssembly kernels of lib/core (AssemblyScript, built by `npm run build:wasm`
// into lib/core/wasm/build/kernel.wasm): PNG row unfiltering, the 8-bit
// (gt, pred) pair histogram and boundary IoU counts (./boundary.ts). The
// TypeScript versions (lib/core/masks/unfilter.ts, lib/core/metrics/kernel.ts,
// lib/core/metrics/boundary-sweep.ts) are the reference; property tests
// compare both.
// No allocator (--runtime stub): the host lays out memory above heapBase().
// Bytes wrap modulo 256 on store<u8>, which is the arithmetic PNG asks for;
// sums that must not wrap (Average's left + above) are taken as i32 (u8 + u8
// is a u8 in AssemblyScript).

import { paethRowPixels } from "./paeth-pixels";

export { boundary8, boundaryScratchBytes } from "./boundary";

/** First free byte above the static data, 16-aligned: the host's memory starts here. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

// ---------------------------------------------------------------- counting

@inline function addCount(hist: usize, key: u32, run: u32): void {
  const at = hist + (<usize>key << 2);
  store<u32>(at, load<u32>(at) + run);
}

/**
 * Adds the pixel-pair counts of n pixels (ground truth at g, prediction at p,
 * one byte each) into the u32 table at hist, indexed by (g << 8) | p. Works
 * on 16 pixels at a time: one compare against the current pair settles a
 * block inside a run; a block with changes compares each pixel with the one
 * before it at once, and each set bit of that mask (a run's first pixel)
 * costs one table update, with no per-pixel loop and no further compares.
 */
export function count8(g: usize, p: usize, n: i32, hist: usize): void {
  if (n <= 0) return;
  let key: u32 = (<u32>load<u8>(g) << 8) | load<u8>(p);
  let start: usize = 0;
  let sg = i8x16.splat(<i8>(key >> 8));
  let sp = i8x16.splat(<i8>key);
  const end16 = <usize>(n & ~15);
  for (let i: usize = 0; i < end16; i += 16) {
    const vg = v128.load(g + i);
    const vp = v128.load(p + i);
    if (i8x16.bitmask(v128.and(i8x16.eq(vg, sg), i8x16.eq(vp, sp))) == 0xffff) continue;
    // Lane k against lane k - 1 (lane 0 against the current pair, which the pixel before the block holds).
    const before = v128.or(
      i8x16.ne(vg, i8x16.shuffle(sg, vg, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30)),
      i8x16.ne(vp, i8x16.shuffle(sp, vp, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30)),
    );
    let starts = i8x16.bitmask(before);
    while (starts != 0) {
      const at = i + <usize>ctz(starts);
      addCount(hist, key, <u32>(at - start));
      key = (<u32>load<u8>(g + at) << 8) | load<u8>(p + at);
      start = at;
      starts &= starts - 1;
    }
    sg = i8x16.splat(<i8>(key >> 8));
    sp = i8x16.splat(<i8>key);
  }
  for (let i = end16; i < <usize>n; i++) {
    const k: u32 = (<u32>load<u8>(g + i) << 8) | load<u8>(p + i);
    if (k != key) {
      addCount(hist, key, <u32>(i - start));
      key = k;
      start = i;
    }
  }
  addCount(hist, key, <u32>(<usize>n - start));
}

// ---------------------------------------------------------------- unfiltering

@inline function paeth(a: i32, b: i32, c: i32): i32 {
  const pa = abs(b - c);
  const pb = abs(a - c);
  const pc = abs(a + b - c - c);
  return select<i32>(a, select<i32>(b, c, pb <= pc), pa <= pb && pa <= pc);
}

/** Up, not the first row: dst = src + above, 16 bytes per step. */
function upRow(dst: usize, src: usize, prev: usize, n: i32): void {
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    v128.store(dst + i, i8x16.add(v128.load(src + i), v128.load(prev + i)));
  }
  for (; i < n; i++) store<u8>(dst + i, load<u8>(src + i) + load<u8>(prev + i));
}

/** The pixel left of dst + i (bpp 1, 2, 4 or 8 bytes) repeated over 16 bytes; v128 zero for other sizes. */
@inline function leftPattern(at: usize, bpp: i32): v128 {
  if (bpp == 1) return i8x16.splat(load<i8>(at - 1));
  if (bpp == 2) return i16x8.splat(load<i16>(at - 2));
  if (bpp == 4) return i32x4.splat(load<i32>(at - 4));
  return i64x2.splat(load<i64>(at - 8));
}

/** Sub (also Paeth on the first row), two or more bytes per pixel: dst = src + left. Zero 16-byte groups repeat the left pixel. */
function subRow(dst: usize, src: usize, n: i32, bpp: i32): void {
  const head = min(bpp, n);
  for (let i = 0; i < head; i++) store<u8>(dst + i, load<u8>(src + i));
  let i = head;
  if (bpp == 2 || bpp == 4 || bpp == 8) {
    for (; i + 16 <= n; i += 16) {
      if (!v128.any_true(v128.load(src + i))) {
        v128.store(dst + i, leftPattern(dst + i, bpp));
        continue;
      }
      for (let k = i; k < i + 16; k++) store<u8>(dst + k, load<u8>(src + k) + load<u8>(dst + k - bpp));
    }
  }
  for (; i < n; i++) store<u8>(dst + i, load<u8>(src + i) + load<u8>(dst + i - bpp));
}

/**
 * Sub with one byte per pixel (also Paeth on the first row): a zero group
 * repeats the left byte, any other adds a SIMD prefix sum; the left byte is
 * carried in a register (0 before the row, as PNG says), and groups start
 * at byte 0, so rows of a multiple of 16 bytes have no scalar tail.
 */
function subRow1(dst: usize, src: usize, n: i32): void {
  const zero = i32x4.splat(0);
  let left = zero;
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const v = v128.load(src + i);
    if (!v128.any_true(v)) {
      v128.store(dst + i, left);
      continue;
    }
    let s = i8x16.add(v, i8x16.shuffle(zero, v, 0, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30));
    s = i8x16.add(s, i8x16.shuffle(zero, s, 0, 1, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29));
    s = i8x16.add(s, i8x16.shuffle(zero, s, 0, 1, 2, 3, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27));
    s = i8x16.add(s, i8x16.shuffle(zero, s, 0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23));
    s = i8x16.add(s, left);
    v128.store(dst + i, s);
    left = i8x16.shuffle(s, s, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15);
  }
  let a: i32 = i8x16.extract_lane_u(left, 0);
  for (; i < n; i++) {
    a = (load<u8>(src + i) + a) & 0xff;
    store<u8>(dst + i, a);
  }
}

/** Average: dst = src + floor((left + above) / 2); prev == 0 on the first row (above = 0). */
function averageRow(dst: usize, src: usize, prev: usize, n: i32, bpp: i32): void {
  const head = min(bpp, n);
  if (prev == 0) {
    for (let i = 0; i < head; i++) store<u8>(dst + i, load<u8>(src + i));
    for (let i = head; i < n; i++) store<u8>(dst + i, load<u8>(src + i) + (load<u8>(dst + i - bpp) >> 1));
    return;
  }
  for (let i = 0; i < head; i++) store<u8>(dst + i, load<u8>(src + i) + (load<u8>(prev + i) >> 1));
  let i = head;
  if (bpp == 1) {
    // A zero group under bytes that all equal the left value keeps that value.
    for (; i + 16 <= n; i += 16) {
      if (!v128.any_true(v128.load(src + i))) {
        const above = v128.load(prev + i);
        if (i8x16.all_true(i8x16.eq(above, i8x16.splat(load<i8>(dst + i - 1))))) {
          v128.store(dst + i, above);
          continue;
        }
      }
      let a: i32 = load<u8>(dst + i - 1);
      for (let k = i; k < i + 16; k++) {
        a = (load<u8>(src + k) + ((a + load<u8>(prev + k)) >> 1)) & 0xff;
        store<u8>(dst + k, a);
      }
    }
  }
  for (; i < n; i++) store<u8>(dst + i, load<u8>(src + i) + ((<i32>load<u8>(dst + i - bpp) + <i32>load<u8>(prev + i)) >> 1));
}

/** 16 bytes of static scratch: a group's filtered bytes, read back one by one after the output may have overwritten them. */
const GROUP = memory.data(16, 16);

/** Paeth, not the first row, two or more bytes per pixel: dst = src + paeth(left, above, upper-left). */
function paethRow(dst: usize, src: usize, prev: usize, n: i32, bpp: i32): void {
  const head = min(bpp, n);
  for (let i = 0; i < head; i++) store<u8>(dst + i, load<u8>(src + i) + load<u8>(prev + i));
  for (let i = head; i < n; i++) {
    store<u8>(dst + i, load<u8>(src + i) + paeth(load<u8>(dst + i - bpp), load<u8>(prev + i), load<u8>(prev + i - bpp)));
  }
}

/**
 * Paeth with one byte per pixel, not the first row, in 16-byte groups from
 * byte 0 (left and upper-left count as 0 there, as PNG says). Once left
 * equals upper-left, a zero filtered byte yields the byte above and the
 * equality carries on (`settled`: a run of such groups is a copy of the row
 * above, nothing reloaded). Any other group is first stored as the row
 * above, and only the bytes from the first nonzero filtered byte (or from
 * the start, when left and upper-left differ) up to where the equality is
 * back after the last nonzero byte are computed one by one.
 */
function paethRow1(dst: usize, src: usize, prev: usize, n: i32): void {
  let a: i32 = 0;
  let c: i32 = 0;
  let settled = true;
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    if (settled) {
      // A run of zero groups copies the row above, two groups at a time.
      while (i + 32 <= n && !v128.any_true(v128.or(v128.load(src + i), v128.load(src + i + 16)))) {
        v128.store(dst + i, v128.load(prev + i));
        v128.store(dst + i + 16, v128.load(prev + i + 16));
        i += 32;
      }
      if (i + 16 > n) break;
    }
    const v = v128.load(src + i);
    if (settled && !v128.any_true(v)) {
      v128.store(dst + i, v128.load(prev + i));
      continue;
    }
    const above = v128.load(prev + i);
    const marks = ~i8x16.bitmask(i8x16.eq(v, i32x4.splat(0))) & 0xffff;
    if (settled) {
      a = i > 0 ? load<u8>(prev + i - 1) : 0;
      c = a;
    } else if (marks == 0 && i8x16.all_true(i8x16.eq(above, i8x16.splat(<i8>c)))) {
      // Zero group under bytes that all equal the upper-left value: the output is the left value.
      v128.store(dst + i, i8x16.splat(<i8>a));
      continue;
    }
    v128.store(GROUP, v);
    v128.store(dst + i, above);
    let k: i32 = 0;
    if (settled) {
      k = ctz(marks);
      if (k > 0) {
        a = load<u8>(prev + i + k - 1);
        c = a;
      }
    }
    const last: i32 = marks == 0 ? -1 : 31 - clz(marks);
    for (; k < 16; k++) {
      const b: i32 = load<u8>(prev + i + k);
      a = (load<u8>(GROUP + k) + paeth(a, b, c)) & 0xff;
      store<u8>(dst + i + k, a);
      c = b;
      if (k >= last && a == c) break;
    }
    settled = a == c;
  }
  if (settled && i > 0) {
    a = load<u8>(prev + i - 1);
    c = a;
  }
  for (; i < n; i++) {
    const b: i32 = load<u8>(prev + i);
    a = (load<u8>(src + i) + paeth(a, b, c)) & 0xff;
    store<u8>(dst + i, a);
    c = b;
  }
}

/**
 * Reverses PNG row filtering in place: buf holds height rows of one filter
 * byte plus rowBytes filtered bytes; afterwards buf[0, height * rowBytes)
 * holds the raw rows, packed. bpp is the byte distance to the left pixel
 * (1 below 8 bits per pixel). Returns -1, or the index of the first row with
 * an unknown filter type (rows before it are unfiltered).
 */
export function unfilter(buf: usize, rowBytes: i32, height: i32, bpp: i32): i32 {
  let src = buf;
  let dst = buf;
  const n = <usize>rowBytes;
  for (let y = 0; y < height; y++) {
    const filter = load<u8>(src);
    src++;
    if (filter > 4) return y;
    const prev = dst - n;
    if (filter == 0 || (filter == 2 && y == 0)) memory.copy(dst, src, n);
    else if (filter == 2) upRow(dst, src, prev, rowBytes);
    else if (filter == 1 || (filter == 4 && y == 0)) {
      if (bpp == 1) subRow1(dst, src, rowBytes);
      else subRow(dst, src, rowBytes, bpp);
    } else if (filter == 3) averageRow(dst, src, y == 0 ? 0 : prev, rowBytes, bpp);
    else if (bpp == 1) paethRow1(dst, src, prev, rowBytes);
    else if (bpp == 3 || bpp == 4) paethRowPixels(dst, src, prev, rowBytes, bpp);
    else paethRow(dst, src, prev, rowBytes, bpp);
    src += n;
    dst += n;
  }
  return -1;
}

/** Swaps the bytes of count 16-bit samples at buf (big-endian PNG samples to little-endian numbers). */
export function swap16(buf: usize, count: i32): void {
  const bytes = <usize>count << 1;
  let i: usize = 0;
  for (; i + 16 <= bytes; i += 16) {
    const v = v128.load(buf + i);
    v128.store(buf + i, i8x16.shuffle(v, v, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14));
  }
  for (; i < bytes; i += 2) store<u16>(buf + i, bswap<u16>(load<u16>(buf + i)));
}
