import { AppError } from "@/lib/errors";
import { checkNumClasses } from "./validate";

/**
 * Boundary IoU (Cheng et al., CVPR 2021). Per class k, G_d = boundary of
 * (gt == k) and P_d = boundary of (pred == k) as in the official
 * `mask_to_boundary`: pad with zeros (the image border counts as boundary),
 * erode with a 3x3 kernel d times, boundary = mask AND NOT eroded, with
 * d = max(1, round(dilationRatio * sqrt(w^2 + h^2))) (round half to even, as
 * Python's round). Intersection |G_d AND P_d| and union |G_d OR P_d| are
 * counted only over pixels whose ground truth is not an ignore value, and add
 * up over images: dataset-level boundary IoU = sum of intersections / sum of
 * unions; the mean is over classes with union > 0.
 */
export interface LabelMapLike { width: number; height: number; data: Uint8Array | Uint16Array }

/** Boundary IoU (Cheng et al. 2021) counts for one image, per class; additive across images. */
export interface BoundaryCounts { numClasses: number; intersection: Float64Array; union: Float64Array }

export interface BoundaryOptions { numClasses: number; ignoreValues?: readonly number[]; dilationRatio?: number }

export const DEFAULT_DILATION_RATIO = 0.02;

/** All-zero boundary counts for numClasses classes. */
export function createBoundaryCounts(numClasses: number): BoundaryCounts {
  checkNumClasses(numClasses, "createBoundaryCounts");
  return { numClasses, intersection: new Float64Array(numClasses), union: new Float64Array(numClasses) };
}

/** Python 3 round(): half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Boundary width in pixels: max(1, round(ratio * image diagonal)), e.g. 12 for 480x360 and 44 for 1920x1080 at 0.02. */
export function boundaryWidth(width: number, height: number, dilationRatio = DEFAULT_DILATION_RATIO): number {
  return Math.max(1, roundHalfEven(dilationRatio * Math.sqrt(width * width + height * height)));
}

let scratchSize = 0;
let gtEdge = new Uint8Array(0);
let predEdge = new Uint8Array(0);
let rowBuf = new Uint8Array(0);
let colRun = new Int32Array(0);

function ensureScratch(pixels: number, width: number): void {
  if (pixels > scratchSize) {
    gtEdge = new Uint8Array(pixels);
    predEdge = new Uint8Array(pixels);
    scratchSize = pixels;
  }
  if (width > rowBuf.length) {
    rowBuf = new Uint8Array(width);
    colRun = new Int32Array(width);
  }
}

/**
 * out[p] = 1 iff p lies in the boundary (width d) of its own class M[p]:
 * some pixel within Chebyshev distance d differs from M[p] or lies outside
 * the image. A pixel belongs to no other class's boundary, so one O(N) pass
 * serves every class. Per row, a horizontal run length marks pixels whose row
 * segment [x-d, x+d] is uniform and inside the image (rowBuf, from the row's
 * runs); per column, a counter of consecutive rows with such a segment and
 * the same value says (x, y-d) is interior once it reaches 2d+1 (branch-free:
 * booleans as 0/1). d >= 1.
 */
export function markBoundary(data: Uint8Array | Uint16Array, width: number, height: number, d: number, out: Uint8Array): void {
  if (!Number.isInteger(d) || d < 1) throw new AppError("invalid_input", `markBoundary: boundary width must be an integer >= 1, got ${d}`);
  const span = 2 * d + 1;
  if (span > width || span > height) {
    out.fill(1, 0, width * height);
    return;
  }
  ensureScratch(0, width);
  const h = rowBuf;
  const cnt = colRun;
  for (let y = 0; y < height; y++) {
    const base = y * width;
    h.fill(0, 0, width);
    let start = 0;
    let v = data[base];
    for (let x = 1; x < width; x++) {
      const u = data[base + x];
      if (u !== v) {
        if (x - start >= span) h.fill(1, start + d, x - d);
        start = x;
        v = u;
      }
    }
    if (width - start >= span) h.fill(1, start + d, width - d);
    if (y === 0) {
      for (let x = 0; x < width; x++) cnt[x] = h[x];
    } else if (y < 2 * d) {
      for (let x = d; x < width - d; x++) cnt[x] = h[x] * (cnt[x] * +(data[base + x] === data[base - width + x]) + 1);
    } else {
      const t = (y - d) * width;
      out.fill(1, t, t + d);
      for (let x = d; x < width - d; x++) {
        const k = h[x] * (cnt[x] * +(data[base + x] === data[base - width + x]) + 1);
        cnt[x] = k;
        out[t + x] = +(k < span);
      }
      out.fill(1, t + width - d, t + width);
    }
  }
  out.fill(1, 0, d * width);
  out.fill(1, (height - d) * width, height * width);
}

/**
 * d = max(1, round(dilationRatio * sqrt(w^2+h^2))), dilationRatio default 0.02; image border counts as boundary; gt
 * ignore pixels excluded; labels outside 0..numClasses-1 belong to no class. One row-major sweep over both maps
 * (see sweep); O(width * height) whatever the number of classes. Scratch buffers are reused across calls.
 */
export function accumulateBoundary(into: BoundaryCounts, gt: LabelMapLike, pred: LabelMapLike, opts: BoundaryOptions): void {
  const { width, height } = gt;
  const n = width * height;
  if (opts.numClasses !== into.numClasses) {
    throw new AppError("invalid_input", `accumulateBoundary: options say ${opts.numClasses} classes but the counts have ${into.numClasses}`);
  }
  if (gt.width !== pred.width || gt.height !== pred.height || gt.data.length !== n || pred.data.length !== n) {
    throw new AppError(
      "invalid_input",
      `accumulateBoundary: ground truth is ${gt.width}x${gt.height} (${gt.data.length} values) but prediction is ${pred.width}x${pred.height} (${pred.data.length} values)`,
    );
  }
  if (n === 0) return;
  const ratio = opts.dilationRatio ?? DEFAULT_DILATION_RATIO;
  if (!(ratio >= 0) || !Number.isFinite(ratio)) {
    throw new AppError("invalid_input", `accumulateBoundary: dilationRatio must be a finite number >= 0, got ${ratio}`);
  }
  const d = boundaryWidth(width, height, ratio);
  const N = into.numClasses;
  const ignore = opts.ignoreValues ?? [];
  const wide = gt.data instanceof Uint16Array || pred.data instanceof Uint16Array;
  if (d > MAX_SWEEP_D || (wide && N > MAX_CODED_CLASSES) || n > 0x7fffffff) {
    countGeneric(into, gt.data, pred.data, width, height, d, ignoreTable(ignore));
    return;
  }
  const t = codeTables(N, ignore, wide);
  hist.fill(0, 0, 3 * (N + 1));
  sweep(gt.data, pred.data, width, height, d, t, N + 1);
  for (let k = 0; k < N; k++) {
    const both = hist[2 * (N + 1) + k];
    into.intersection[k] += both;
    into.union[k] += hist[k] + hist[N + 1 + k] - both;
  }
}

/** Column counters are bytes biased so that 0x80 means "2d + 1 rows", so d <= 63; larger d goes through markBoundary. */
const MAX_SWEEP_D = 63;
/** 16-bit maps are coded into bytes (classes, "no class", "ignored"), so at most 254 classes. */
const MAX_CODED_CLASSES = 254;
/*
 * The hot loops below spell their constants out (0x01010101: a 1 in each byte lane, 0x7f7f7f7f, 0x80808080,
 * 0x40000000 = END): Node 20's V8 reloads and re-checks module-level constants inside loops.
 */

interface CodeTables {
  key: string;
  /** 16-bit label -> byte code (null: 8-bit labels are used as they are). */
  gCode: Uint8Array | null;
  pCode: Uint8Array | null;
  /** byte -> histogram bin: the class, numClasses for "no class", -1 for an ignored ground truth. */
  gBin: Int32Array;
  pBin: Int32Array;
}

/** Tables by "numClasses|ignore values|label bits"; a handful of settings at most in practice. */
const tablesCache = new Map<string, CodeTables>();

/**
 * 8-bit maps keep their labels. 16-bit maps are coded into bytes: a class keeps its index, every other label
 * becomes numClasses (ground truth: numClasses + 1 if ignored). Boundaries only matter for class pixels, and a
 * class pixel's window is uniform with either coding, so the counts do not change.
 */
function codeTables(N: number, ignore: readonly number[], wide: boolean): CodeTables {
  const key = `${N}|${ignore.join(",")}|${wide ? 16 : 8}`;
  const cached = tablesCache.get(key);
  if (cached !== undefined) return cached;
  const ignored = ignoreTable(ignore);
  const gBin = new Int32Array(256);
  const pBin = new Int32Array(256);
  let gCode: Uint8Array | null = null;
  let pCode: Uint8Array | null = null;
  if (wide) {
    gCode = new Uint8Array(65536);
    pCode = new Uint8Array(65536);
    for (let v = 0; v < 65536; v++) {
      gCode[v] = ignored[v] === 1 ? N + 1 : Math.min(v, N);
      pCode[v] = Math.min(v, N);
    }
    for (let c = 0; c < 256; c++) {
      gBin[c] = c === N + 1 ? -1 : Math.min(c, N);
      pBin[c] = Math.min(c, N);
    }
  } else {
    for (let v = 0; v < 256; v++) {
      gBin[v] = ignored[v] === 1 ? -1 : Math.min(v, N);
      pBin[v] = Math.min(v, N);
    }
  }
  const t = { key, gCode, pCode, gBin, pBin };
  if (tablesCache.size >= 16) tablesCache.clear();
  tablesCache.set(key, t);
  return t;
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
 * Counter update of one map for row y (word offsets row and prev = row y - 1 in l32; horizontally interior
 * intervals with their labels, as triples, of row y in iv and of row y - 1 in pv). A counter means something only
 * inside an interval: it restarts at 1 (plus bias) where the column was not in an interval of row y - 1 with the
 * same label, else grows by one up to 2d + 1; its top bit then says whether pixel (x, y - d) is interior. Writes
 * those pixels as spans [s, e) into spans, then the end marker. The two interval lists tell, without reading
 * labels, which whole words continue (counters all saturated: nothing to do; none about to saturate: add one to
 * each) or restart; only words cut by an interval end take the general SWAR update.
 */
function vertical(l32: Int32Array, row: number, prev: number, iv: Int32Array, pv: Int32Array, c32: Int32Array, spans: Int32Array, width: number, base: number): void {
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

/**
 * Scans the row at word offset off of the labels and writes its runs into runs from index o: start, label pairs,
 * then width, 0, width. Whole words that continue the current run are skipped by an innermost loop; few values
 * are live in it, so that V8 keeps them in registers.
 */
function scanRuns(row32: Int32Array, off: number, runs: Int32Array, o: number, width: number): void {
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
function interiorIntervals(runs: Int32Array, o: number, width: number, d: number, iv: Int32Array): void {
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

/** All bits of byte lanes 0..k-1 (0 <= k <= 4). */
function lowLanes(k: number): number {
  return k === 4 ? -1 : (1 << (k << 3)) - 1;
}

/**
 * Fallback for d > 63, 16-bit maps with more than 254 classes, or 2^31 pixels and more: full boundary maps from
 * markBoundary, then one counting pass.
 */
function countGeneric(into: BoundaryCounts, g: Uint8Array | Uint16Array, p: Uint8Array | Uint16Array, width: number, height: number, d: number, ignored: Uint8Array): void {
  const n = width * height;
  ensureScratch(n, width);
  markBoundary(g, width, height, d, gtEdge);
  markBoundary(p, width, height, d, predEdge);
  const N = into.numClasses;
  const inter = into.intersection;
  const union = into.union;
  const ge = gtEdge;
  const pe = predEdge;
  for (let i = 0; i < n; i++) {
    if ((ge[i] | pe[i]) === 0) continue;
    const gv = g[i];
    if (ignored[gv] === 1) continue;
    const pv = p[i];
    const gIn = ge[i] === 1 && gv < N;
    const pIn = pe[i] === 1 && pv < N;
    if (gIn && pIn && gv === pv) {
      inter[gv]++;
      union[gv]++;
    } else {
      if (gIn) union[gv]++;
      if (pIn) union[pv]++;
    }
  }
}

let lastIgnoreKey = "";
let lastIgnore = new Uint8Array(65536);

function ignoreTable(values: readonly number[]): Uint8Array {
  const key = values.join(",");
  if (key !== lastIgnoreKey) {
    lastIgnore = new Uint8Array(65536);
    for (const v of values) if (Number.isInteger(v) && v >= 0 && v < 65536) lastIgnore[v] = 1;
    lastIgnoreKey = key;
  }
  return lastIgnore;
}

/** Adds `from` into `into` (same numClasses). */
export function mergeBoundary(into: BoundaryCounts, from: BoundaryCounts): void {
  if (into.numClasses !== from.numClasses) {
    throw new AppError("invalid_input", `mergeBoundary: cannot merge ${from.numClasses} classes into ${into.numClasses}`);
  }
  for (let k = 0; k < into.numClasses; k++) {
    into.intersection[k] += from.intersection[k];
    into.union[k] += from.union[k];
  }
}

/** Per-class intersection / union (NaN when union is 0) and their mean over classes with union > 0 (NaN if none). */
export function boundaryIou(counts: BoundaryCounts): { perClass: number[]; mean: number } {
  const perClass: number[] = [];
  let sum = 0;
  let defined = 0;
  for (let k = 0; k < counts.numClasses; k++) {
    const u = counts.union[k];
    const v = u > 0 ? counts.intersection[k] / u : NaN;
    perClass.push(v);
    if (u > 0) {
      sum += v;
      defined++;
    }
  }
  return { perClass, mean: defined > 0 ? sum / defined : NaN };
}
