/**
 * Column counters of the boundary sweep: per row, the SWAR update (four byte counters per 32-bit word) that turns
 * the horizontally interior intervals of two consecutive rows into the interior spans of the row d rows above.
 * Hot loop: constants are spelled out (see boundary-sweep.ts).
 */

/**
 * Counter update of one map for row y (word offsets row and prev = row y - 1 in l32; horizontally interior
 * intervals with their labels, as triples, of row y in iv and of row y - 1 in pv). A counter means something only
 * inside an interval: it restarts at 1 (plus bias) where the column was not in an interval of row y - 1 with the
 * same label, else grows by one up to 2d + 1; its top bit then says whether pixel (x, y - d) is interior. Writes
 * those pixels as spans [s, e) into spans, then the end marker. The two interval lists tell, without reading
 * labels, which whole words continue (counters all saturated: nothing to do; none about to saturate: add one to
 * each) or restart; only words cut by an interval end take the general SWAR update.
 */
export function vertical(l32: Int32Array, row: number, prev: number, iv: Int32Array, pv: Int32Array, c32: Int32Array, spans: Int32Array, width: number, base: number): void {
  const sat = 0x80808080 | 0;
  const restart = base + 0x01010101;
  let w = 0;
  let k = 0;
  let open = -1;
  let q = 0;
  for (let j = 0; iv[j] !== 0x40000000; j += 3) {
    const a = iv[j];
    const b = iv[j + 1];
    const v = iv[j + 2];
    if (w < a >> 2) {
      if (open >= 0) {
        spans[k++] = open;
        spans[k++] = w << 2;
        open = -1;
      }
      w = a >> 2;
    }
    const last = (b - 1) >> 2;
    while (w <= last) {
      const x0 = w << 2;
      while (pv[q + 1] <= x0) q += 3;
      const inPrev = pv[q] <= x0;
      const pieceEnd = inPrev ? pv[q + 1] : pv[q];
      const end = (pieceEnd < b ? pieceEnd : b) >> 2;
      if (x0 >= a && w < end) {
        // Words [w, end) lie inside the interval and either inside one interval of row y - 1 or outside all.
        if (!inPrev || pv[q + 2] !== v) {
          if (open >= 0) {
            spans[k++] = open;
            spans[k++] = x0;
            open = -1;
          }
          for (; w < end; w++) c32[w] = restart;
          continue;
        }
        const k0 = c32[w];
        if (k0 === sat) {
          if (open < 0) open = x0;
          w++;
          while (w < end && c32[w] === sat) w++;
          continue;
        }
        if (((k0 + 0x01010101) & sat) === 0) {
          if (open >= 0) {
            spans[k++] = open;
            spans[k++] = x0;
            open = -1;
          }
          c32[w] = k0 + 0x01010101;
          for (w++; w < end; w++) {
            const nk = c32[w] + 0x01010101;
            if ((nk & sat) !== 0) break;
            c32[w] = nk;
          }
          continue;
        }
      }
      // Lanes continue where they lie in an interval of both rows with the same label; the others restart.
      const hh = laneMask(iv, j, x0) & laneMask(pv, q, x0);
      const kk = c32[w];
      const x = l32[(row + w) | 0] ^ l32[(prev + w) | 0];
      const cont = (~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f) >>> 7) & hh;
      const keep = Math.imul(cont, 255);
      const nk = ((kk + (cont & ~(kk >>> 7))) & keep) | (restart & ~keep);
      c32[w] = nk;
      const f = (nk >>> 7) & 0x01010101;
      if (f === 0x01010101) {
        if (open < 0) open = x0;
      } else if (f === 0) {
        if (open >= 0) {
          spans[k++] = open;
          spans[k++] = x0;
          open = -1;
        }
      } else {
        for (let i = 0; i < 4; i++) {
          if (((f >>> (i << 3)) & 1) === 1) {
            if (open < 0) open = x0 + i;
          } else if (open >= 0) {
            spans[k++] = open;
            spans[k++] = x0 + i;
            open = -1;
          }
        }
      }
      w++;
    }
  }
  if (open >= 0) {
    spans[k++] = open;
    spans[k++] = Math.min(w << 2, width);
  }
  spans[k] = 0x40000000;
  spans[k + 1] = 0x40000000;
}

/** 0x01 in the byte lanes of columns x0..x0+3 that lie in an interval of iv from index j on. */
function laneMask(iv: Int32Array, j: number, x0: number): number {
  let hh = 0;
  for (let i = j; iv[i] < x0 + 4; i += 3) {
    const lo = iv[i] > x0 ? iv[i] - x0 : 0;
    const hi = iv[i + 1] < x0 + 4 ? iv[i + 1] - x0 : 4;
    hh |= lowLanes(hi) & ~lowLanes(lo);
  }
  return hh & 0x01010101;
}

/** All bits of byte lanes 0..k-1 (0 <= k <= 4). */
function lowLanes(k: number): number {
  return k === 4 ? -1 : (1 << (k << 3)) - 1;
}
