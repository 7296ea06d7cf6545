/**
 * The fast path of accumulateBoundary: one row-major sweep over both maps with run lists (boundary-runs.ts) and
 * column counters (boundary-columns.ts), counting each row's boundary pixels into a histogram by merging sorted
 * lists. Scratch buffers and the histogram are module state, reused across calls.
 */
import type { BoundaryCounts } from "./boundary";
import { codeTables, type CodeTables } from "./boundary-codes";
import { vertical } from "./boundary-columns";
import { interiorIntervals, scanRuns } from "./boundary-runs";

/** Column counters are bytes biased so that 0x80 means "2d + 1 rows", so d <= 63; larger d goes through markBoundary. */
export const MAX_SWEEP_D = 63;
/** 16-bit maps are coded into bytes (classes, "no class", "ignored"), so at most 254 classes. */
export const MAX_CODED_CLASSES = 254;
/*
 * The hot loops of the sweep (here, in boundary-runs.ts and in boundary-columns.ts) spell their constants out
 * (0x01010101: a 1 in each byte lane, 0x7f7f7f7f, 0x80808080, 0x40000000 = END): Node 20's V8 reloads and
 * re-checks module-level constants inside loops.
 */

/**
 * Adds one image's boundary counts into `into` by one sweep. Only for d <= MAX_SWEEP_D, at most MAX_CODED_CLASSES
 * classes when a map is 16-bit, and fewer than 2^31 pixels (accumulateBoundary checks; the rest goes to countGeneric).
 */
export function countSweep(into: BoundaryCounts, g: Uint8Array | Uint16Array, p: Uint8Array | Uint16Array, width: number, height: number, d: number, ignore: readonly number[], wide: boolean): void {
  const N = into.numClasses;
  const t = codeTables(N, ignore, wide);
  hist.fill(0, 0, 3 * (N + 1));
  sweep(g, p, width, height, d, t, N + 1);
  for (let k = 0; k < N; k++) {
    const both = hist[2 * (N + 1) + k];
    into.intersection[k] += both;
    into.union[k] += hist[k] + hist[N + 1 + k] - both;
  }
}

/**
 * Scratch reused across calls, grown when needed. Per map: the current and previous rows of labels as aligned words
 * (unless the map is read in place), a ring of d + 1 run lists (row y's runs are counted at row y + d), the
 * horizontally interior intervals of the current and previous rows, the column counters, and the interior spans
 * of the row being counted.
 */
const scratch = {
  gRing: new Int32Array(0),
  pRing: new Int32Array(0),
  gRuns: new Int32Array(0),
  pRuns: new Int32Array(0),
  gIv: new Int32Array(0),
  pIv: new Int32Array(0),
  gIvPrev: new Int32Array(0),
  pIvPrev: new Int32Array(0),
  gCnt: new Int32Array(0),
  pCnt: new Int32Array(0),
  gSpans: new Int32Array(0),
  pSpans: new Int32Array(0),
};
/**
 * [ground-truth boundary per bin | prediction boundary per bin | both, same bin], numClasses + 1 bins each; 32-bit
 * (maps of 2^31 pixels or more take the generic path).
 */
const hist = new Int32Array(3 * 4097);
/** An empty span list: rows within d of the top or bottom have no interior pixel. */
const NO_SPANS = Int32Array.of(0x40000000, 0x40000000);
/** An empty interval list (the row above the first). */
const NO_INTERVALS = Int32Array.of(0x40000000, 0x40000000, 0);

function ensureSweepScratch(rows: number, width: number): void {
  const words = (width + 3) >> 2;
  if (2 * words > scratch.gRing.length) {
    scratch.gRing = new Int32Array(2 * words);
    scratch.pRing = new Int32Array(2 * words);
  }
  if (rows * (2 * width + 4) > scratch.gRuns.length) {
    scratch.gRuns = new Int32Array(rows * (2 * width + 4));
    scratch.pRuns = new Int32Array(rows * (2 * width + 4));
  }
  if (width + 4 > scratch.gCnt.length) {
    const n = 2 * width + 8;
    scratch.gIv = new Int32Array(n);
    scratch.pIv = new Int32Array(n);
    scratch.gIvPrev = new Int32Array(n);
    scratch.pIvPrev = new Int32Array(n);
    scratch.gSpans = new Int32Array(n);
    scratch.pSpans = new Int32Array(n);
    scratch.gCnt = new Int32Array(width + 4);
    scratch.pCnt = new Int32Array(width + 4);
  }
}

/** The map's own bytes as 32-bit words when it is uncoded 8-bit with 4-byte aligned rows, else null. */
function inPlace(data: Uint8Array | Uint16Array, width: number, code: Uint8Array | null): Int32Array | null {
  if (code !== null || !(data instanceof Uint8Array) || width % 4 !== 0 || data.byteOffset % 4 !== 0) return null;
  return new Int32Array(data.buffer, data.byteOffset, data.length >> 2);
}

/**
 * One row-major sweep over both maps. Row y's runs give the horizontally interior pixels (x in [s + d, e - 1 - d]
 * for a run [s, e)). A per-column byte counter holds 128 - (2d + 1) + min(2d + 1, number of consecutive rows
 * ending at y that are horizontally interior with the same label), so its top bit says "pixel (x, y - d) is
 * interior"; four columns are updated at a time (SWAR), giving the interior spans of row y - d, which is then
 * counted by merging its label runs (kept since row y - d) with those spans. Rows within d of the top or bottom
 * are all boundary and are counted as they arrive.
 */
function sweep(g: Uint8Array | Uint16Array, p: Uint8Array | Uint16Array, width: number, height: number, d: number, t: CodeTables, bins: number): void {
  const words = (width + 3) >> 2;
  const span = 2 * d + 1;
  const R = d + 1;
  const allEdge = span > width || span > height;
  ensureSweepScratch(R, width);
  const gDirect = inPlace(g, width, t.gCode);
  const pDirect = inPlace(p, width, t.pCode);
  const gl32 = gDirect ?? scratch.gRing;
  const pl32 = pDirect ?? scratch.pRing;
  const gl8 = new Uint8Array(gl32.buffer, gl32.byteOffset, gl32.length << 2);
  const pl8 = new Uint8Array(pl32.buffer, pl32.byteOffset, pl32.length << 2);
  const { gCnt, pCnt, gRuns, pRuns, gSpans, pSpans } = scratch;
  let gIv = scratch.gIv;
  let pIv = scratch.pIv;
  let gIvPrev = NO_INTERVALS;
  let pIvPrev = NO_INTERVALS;
  const { gBin, pBin } = t;
  const base = Math.imul(128 - span, 0x01010101);
  const gRows = gDirect === null ? 2 : height;
  const pRows = pDirect === null ? 2 : height;
  const runSlot = 2 * width + 4;
  for (let y = 0; y < height; y++) {
    const gRow = (y % gRows) * words;
    const pRow = (y % pRows) * words;
    const runs = (y % R) * runSlot;
    if (gDirect === null) loadRow(g, y * width, width, gl8, gRow << 2, t.gCode);
    if (pDirect === null) loadRow(p, y * width, width, pl8, pRow << 2, t.pCode);
    scanRuns(gl32, gRow, gRuns, runs, width);
    scanRuns(pl32, pRow, pRuns, runs, width);
    if (allEdge || y < d || y >= height - d) {
      countRow(gRuns, pRuns, runs, NO_SPANS, NO_SPANS, width, gBin, pBin, hist, bins);
      if (allEdge) continue;
    }
    interiorIntervals(gRuns, runs, width, d, gIv);
    interiorIntervals(pRuns, runs, width, d, pIv);
    const gPrev = y === 0 ? gRow : ((y - 1) % gRows) * words;
    const pPrev = y === 0 ? pRow : ((y - 1) % pRows) * words;
    vertical(gl32, gRow, gPrev, gIv, gIvPrev, gCnt, gSpans, width, base);
    vertical(pl32, pRow, pPrev, pIv, pIvPrev, pCnt, pSpans, width, base);
    const gSwap = gIvPrev === NO_INTERVALS ? scratch.gIvPrev : gIvPrev;
    const pSwap = pIvPrev === NO_INTERVALS ? scratch.pIvPrev : pIvPrev;
    gIvPrev = gIv;
    pIvPrev = pIv;
    gIv = gSwap;
    pIv = pSwap;
    if (y >= 2 * d) countRow(gRuns, pRuns, ((y - d) % R) * runSlot, gSpans, pSpans, width, gBin, pBin, hist, bins);
  }
}

/**
 * Counts one row from its label runs (gRuns/pRuns at offset o: start, label pairs, then width) and interior spans
 * of each map: per bin, ground-truth boundary pixels, prediction boundary pixels, and pixels in both boundaries
 * with the same bin; ignored ground truth skipped. Merges the four sorted lists, one histogram update per piece.
 */
function countRow(gRuns: Int32Array, pRuns: Int32Array, o: number, gSpans: Int32Array, pSpans: Int32Array, width: number, gBin: Int32Array, pBin: Int32Array, H: Int32Array, bins: number): void {
  let gi = o;
  let pi = o;
  let gb = gBin[gRuns[o + 1]];
  let pb = pBin[pRuns[o + 1]];
  let gNext = gRuns[o + 2];
  let pNext = pRuns[o + 2];
  let gs = 0;
  let ps = 0;
  let gS = gSpans[0];
  let gE = gSpans[1];
  let pS = pSpans[0];
  let pE = pSpans[1];
  let x = 0;
  while (x < width) {
    const gIn = x >= gS ? 1 : 0;
    const pIn = x >= pS ? 1 : 0;
    let next = gNext < pNext ? gNext : pNext;
    const gf = gIn === 1 ? gE : gS;
    const pf = pIn === 1 ? pE : pS;
    if (gf < next) next = gf;
    if (pf < next) next = pf;
    if (gb >= 0) {
      const n = next - x;
      const ge = gIn ^ 1;
      const pe = pIn ^ 1;
      H[gb] += n * ge;
      H[bins + pb] += n * pe;
      if (gb === pb) H[2 * bins + gb] += n * (ge & pe);
    }
    x = next;
    if (x === gNext) {
      gi += 2;
      gb = gBin[gRuns[gi + 1]];
      gNext = gRuns[gi + 2];
    }
    if (x === pNext) {
      pi += 2;
      pb = pBin[pRuns[pi + 1]];
      pNext = pRuns[pi + 2];
    }
    if (x === gE) {
      gs += 2;
      gS = gSpans[gs];
      gE = gSpans[gs + 1];
    }
    if (x === pE) {
      ps += 2;
      pS = pSpans[ps];
      pE = pSpans[ps + 1];
    }
  }
}

function loadRow(src: Uint8Array | Uint16Array, from: number, width: number, dst: Uint8Array, to: number, code: Uint8Array | null): void {
  if (code !== null) for (let x = 0; x < width; x++) dst[to + x] = code[src[from + x]];
  else if (width < 64) for (let x = 0; x < width; x++) dst[to + x] = src[from + x];
  else dst.set(src.subarray(from, from + width), to);
}
