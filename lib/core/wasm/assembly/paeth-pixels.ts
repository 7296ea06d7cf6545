// Paeth unfiltering of 3- and 4-byte pixels (8-bit RGB, RGBA) with one
// pixel's bytes in the 16-bit lanes of a v128: the predictor's three
// distances, compares and selects for all channels at once, as libpng's SSE
// path does. The chain from pixel to pixel (left = the pixel just made)
// stays; the per-byte branches go. Part of kernel.wasm (kernel.ts calls it).

/**
 * Paeth, not the first row, bpp 3 or 4: dst = src + paeth(left, above,
 * upper-left) per byte. In place as kernel.ts's unfilter lays rows out
 * (dst < src): each pixel stores 4 bytes at dst + i, and for bpp 3 the
 * fourth lands on a byte of dst that the next pixel writes, which lies in
 * filtered bytes already read. Loads read at most one byte past a pixel.
 */
export function paethRowPixels(dst: usize, src: usize, prev: usize, n: i32, bpp: i32): void {
  const step = <usize>bpp;
  const mask = i16x8.splat(0xff);
  // The first pixel: no left, no upper-left, so the predictor is the byte above.
  for (let i = 0; i < bpp; i++) store<u8>(dst + i, load<u8>(src + i) + load<u8>(prev + i));
  let a = i16x8.extend_low_i8x16_u(v128.load32_zero(dst));
  let c = i16x8.extend_low_i8x16_u(v128.load32_zero(prev));
  const end = <usize>n;
  for (let i = step; i + step <= end; i += step) {
    const b = i16x8.extend_low_i8x16_u(v128.load32_zero(prev + i));
    const x = i16x8.extend_low_i8x16_u(v128.load32_zero(src + i));
    const pa = i16x8.abs(i16x8.sub(b, c));
    const pb = i16x8.abs(i16x8.sub(a, c));
    const pc = i16x8.abs(i16x8.sub(i16x8.add(a, b), i16x8.add(c, c)));
    const useA = v128.and(i16x8.le_s(pa, pb), i16x8.le_s(pa, pc));
    const pred = v128.bitselect(a, v128.bitselect(b, c, i16x8.le_s(pb, pc)), useA);
    a = v128.and(i16x8.add(x, pred), mask);
    c = b;
    v128.store32_lane(dst + i, i8x16.narrow_i16x8_u(a, a), 0);
  }
}
