/**
 * The plain PNG unfilter, written straight from the specification (section 9
 * of the PNG standard) with no shortcuts: the oracle the fast row functions in
 * ../unfilter.ts are tested against. Same contract as `unfilterInPlace`:
 * `buf` holds `height` rows of one filter byte plus `rowBytes` filtered bytes;
 * afterwards buf[0, height * rowBytes) holds the raw rows without filter bytes.
 * Test-only: it is slow on purpose (one byte at a time, one function call per
 * Paeth prediction).
 */

function paethPredictor(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  if (pb <= pc) return b;
  return c;
}

/** Reverses the five PNG filters in place, byte by byte; throws a plain Error on an unknown filter type. */
export function unfilterInPlaceReference(buf: Uint8Array, rowBytes: number, height: number, bpp: number): void {
  for (let y = 0; y < height; y++) {
    const src = y * (rowBytes + 1) + 1;
    const dst = y * rowBytes;
    const prev = dst - rowBytes;
    const filter = buf[src - 1];
    if (filter > 4) throw new Error(`unknown filter type ${filter} in row ${y}`);
    for (let i = 0; i < rowBytes; i++) {
      const x = buf[src + i];
      const a = i >= bpp ? buf[dst + i - bpp] : 0;
      const b = y > 0 ? buf[prev + i] : 0;
      const c = y > 0 && i >= bpp ? buf[prev + i - bpp] : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = Math.floor((a + b) / 2);
      else if (filter === 4) predictor = paethPredictor(a, b, c);
      buf[dst + i] = (x + predictor) % 256;
    }
  }
}
