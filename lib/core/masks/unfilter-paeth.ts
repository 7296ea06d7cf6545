import { fillWords, ONES, paethPredict, saveGroups, spanOf, type RowScratch, type Span } from "./unfilter-rows";

// Paeth and Average with one byte per pixel, not on the first row; see
// ./unfilter-rows for the layout (the filtered row already sits at dst). Both
// save the row's non-zero groups, copy the row above into place with one
// memmove, and then walk only what can differ from the row above, keeping the
// left value a (and, for Paeth, the upper-left value c):
// - Paeth, zero filtered word: if a === c the predictor is the byte above, so
//   the output IS the row above up to the end of the zero stretch (nothing to
//   do, a = c = its last byte); if the four bytes above all equal c the
//   predictor is a (fill); otherwise four exact steps.
// - Average, zero filtered word whose four bytes above equal a: the output is
//   a, which is what is already there; otherwise four exact steps.
// Head and tail bytes (outside whole 16-byte groups) take the exact steps in
// place before / after the memmove, which covers only the groups.

const SPAN: Span = { head: 0, w0: 0, gEnd: 0, midEnd: 0 };

/** Paeth with one byte per pixel, not on the first row (filtered bytes already at dst): raw = filtered + paeth(left, above, upper-left). */
export function paethRow1(buf: Uint8Array, s: RowScratch, dst: number, prev: number, n: number): void {
  const { words, off, saved, savedBytes, groupAt } = s;
  const { head, w0, gEnd, midEnd } = spanOf(dst, off, n, SPAN);
  let a = 0;
  let c = 0;
  for (let i = 0; i < head; i++) {
    const b = buf[prev + i];
    buf[dst + i] = a = (buf[dst + i] + paethPredict(a, b, c)) & 0xff;
    c = b;
  }
  const count = saveGroups(s, w0, gEnd);
  buf.copyWithin(dst + head, prev + head, midEnd - n);
  let w = w0;
  for (let g = 0; g <= count; g++) {
    // The zero stretch [w, stop): its bytes hold the row above.
    const stop = g < count ? groupAt[g] : gEnd;
    while (w < stop && a !== c) {
      const cw = Math.imul(c, ONES);
      let m = w;
      while (m < stop && words[m] === cw) m++;
      fillWords(buf, words, off, w, m, a);
      w = m;
      if (w === stop) break;
      const d = w * 4 - off;
      for (let j = 0; j < 4; j++) {
        const b = buf[d - n + j];
        buf[d + j] = a = paethPredict(a, b, c);
        c = b;
      }
      w++;
    }
    if (w < stop) {
      a = c = buf[stop * 4 - off - 1];
      w = stop;
    }
    if (g === count) break;
    for (let q = 0; q < 4; q++, w++) {
      const at = (g << 2) + q;
      if (saved[at] === 0) {
        const up = words[w];
        if (up === Math.imul(c, ONES)) {
          words[w] = Math.imul(a, ONES);
          continue;
        }
        if (a === c) {
          a = c = buf[w * 4 - off + 3];
          continue;
        }
      }
      const d = w * 4 - off;
      for (let j = 0; j < 4; j++) {
        const b = buf[d - n + j];
        buf[d + j] = a = (savedBytes[at * 4 + j] + paethPredict(a, b, c)) & 0xff;
        c = b;
      }
    }
  }
  for (let i = midEnd - dst; i < n; i++) {
    const b = buf[prev + i];
    buf[dst + i] = a = (buf[dst + i] + paethPredict(a, b, c)) & 0xff;
    c = b;
  }
}

/** Average with one byte per pixel, not on the first row (filtered bytes already at dst): raw = filtered + floor((left + above) / 2). */
export function averageRow1(buf: Uint8Array, s: RowScratch, dst: number, prev: number, n: number): void {
  const { words, off, saved, savedBytes, groupAt } = s;
  const { head, w0, gEnd, midEnd } = spanOf(dst, off, n, SPAN);
  let a = 0;
  for (let i = 0; i < head; i++) buf[dst + i] = a = (buf[dst + i] + ((a + buf[prev + i]) >> 1)) & 0xff;
  const count = saveGroups(s, w0, gEnd);
  buf.copyWithin(dst + head, prev + head, midEnd - n);
  let w = w0;
  for (let g = 0; g <= count; g++) {
    const stop = g < count ? groupAt[g] : gEnd;
    while (w < stop) {
      const aw = Math.imul(a, ONES);
      while (w < stop && words[w] === aw) w++;
      if (w === stop) break;
      const d = w * 4 - off;
      for (let j = 0; j < 4; j++) buf[d + j] = a = (a + buf[d - n + j]) >> 1;
      w++;
    }
    if (g === count) break;
    for (let q = 0; q < 4; q++, w++) {
      const at = (g << 2) + q;
      if (saved[at] === 0 && words[w] === Math.imul(a, ONES)) continue;
      const d = w * 4 - off;
      for (let j = 0; j < 4; j++) buf[d + j] = a = (savedBytes[at * 4 + j] + ((a + buf[d - n + j]) >> 1)) & 0xff;
    }
  }
  for (let i = midEnd - dst; i < n; i++) buf[dst + i] = a = (buf[dst + i] + ((a + buf[prev + i]) >> 1)) & 0xff;
}
