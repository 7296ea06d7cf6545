/**
 * Row runs of the boundary sweep: a row's label runs (scanned a 32-bit word at a time) and, from them, its
 * horizontally interior intervals. Hot loops: constants are spelled out (see boundary-sweep.ts).
 */

/**
 * Scans the row at word offset off of the labels and writes its runs into runs from index o: start, label pairs,
 * then width, 0, width. Whole words that continue the current run are skipped by an innermost loop; few values
 * are live in it, so that V8 keeps them in registers.
 */
export function scanRuns(row32: Int32Array, off: number, runs: Int32Array, o: number, width: number): void {
  const full = width >> 2;
  let r = o;
  let vw = Math.imul(row32[off] & 255, 0x01010101);
  runs[r++] = 0;
  runs[r++] = vw & 255;
  let w = 0;
  for (;;) {
    while (w + 3 < full && row32[(off + w) | 0] === vw && row32[(off + w + 1) | 0] === vw && row32[(off + w + 2) | 0] === vw && row32[(off + w + 3) | 0] === vw) w += 4;
    while (w < full && row32[(off + w) | 0] === vw) w++;
    if (w >= full) break;
    const word = row32[(off + w) | 0];
    let diff = word ^ vw;
    do {
      const lane = (31 - Math.clz32(diff & -diff)) >> 3;
      vw = Math.imul((word >>> (lane << 3)) & 255, 0x01010101);
      runs[r++] = (w << 2) + lane;
      runs[r++] = vw & 255;
      diff = (word ^ vw) & (-256 << (lane << 3));
    } while (diff !== 0);
    w++;
  }
  if ((width & 3) !== 0) {
    const word = row32[(off + full) | 0];
    for (let x = full << 2; x < width; x++) {
      const v = (word >>> ((x & 3) << 3)) & 255;
      if (v !== (vw & 255)) {
        vw = Math.imul(v, 0x01010101);
        runs[r++] = x;
        runs[r++] = v;
      }
    }
  }
  runs[r++] = width;
  runs[r++] = 0;
  runs[r] = width;
}

/**
 * From the runs of a row (runs from index o), writes into iv the intervals [s + d, e - d) of the runs [s, e) of
 * length >= 2d + 1 (pixels whose row segment [x - d, x + d] is inside the row and uniform) with the run's label,
 * as triples, then the end marker 0x40000000 twice.
 */
export function interiorIntervals(runs: Int32Array, o: number, width: number, d: number, iv: Int32Array): void {
  let k = 0;
  let s = 0;
  for (let r = o + 2; ; r += 2) {
    const e = runs[r];
    if (e - s > 2 * d) {
      iv[k++] = s + d;
      iv[k++] = e - d;
      iv[k++] = runs[r - 1];
    }
    if (e >= width) break;
    s = e;
  }
  iv[k] = 0x40000000;
  iv[k + 1] = 0x40000000;
}
