// Boundary IoU counts of one 8-bit (ground truth, prediction) pair: the
// WebAssembly form of lib/core/metrics/boundary-sweep.ts (the TypeScript
// reference, which property tests compare this with). A pixel of class k is
// interior when the (2d+1)x(2d+1) window around it lies inside the image and
// holds only k; every other class pixel is boundary (Cheng et al. 2021).
//
// Per map, row by row, 16 columns at a time:
// - horizontal: A[x] = AND of E[x .. x + 2d - 1], E[x] = (row[x] ==
//   row[x + 1]), so that A[x - d] says "the row segment [x - d, x + d] is
//   inside the row and uniform";
// - vertical: a byte counter per column counts the consecutive rows, up to
//   2d + 1, that are horizontally interior with the same label; at 2d + 1,
//   pixel (x, y - d) is interior;
// - row y - d is then counted into three u32 tables indexed by raw label:
//   ground-truth boundary pixels, prediction boundary pixels, and pixels in
//   both boundaries with the same label. Pixels whose ground truth is ignored
//   count nowhere. A block of 16 costs a few popcounts per distinct label.
//
// Scratch (the host reserves boundaryScratchBytes(width) bytes at s):
// [s, s + 256) ignore flags by label (host-written, 0 or 1), then the three
// tables (zeroed here), then per map an A row with 128 zero bytes before it
// and PAD zero bytes after, and a counter row.

const PAD: usize = 288;
const ROWS_AT: usize = 4096;

@inline function rowSpan(width: i32): usize {
  return ((<usize>width + 15) & ~(<usize>15)) + 16;
}

/** Bytes of scratch boundary8 needs for maps `width` pixels wide. */
export function boundaryScratchBytes(width: i32): usize {
  return ROWS_AT + 2 * (128 + rowSpan(width) + PAD) + 2 * rowSpan(width);
}

/**
 * A[x] = 0xff when row[x .. x + L] is uniform (L = 2d pairs), for x < width;
 * 0 where the window leaves the row. E[x] = (row[x] == row[x + 1]) is
 * written 16 lanes at a time. For L <= 32, A is then the AND of E over
 * windows doubled in place (at most five passes). For wider windows each x
 * with E[x] = 0 (a label change, or the row's end) clears the L - 1 bytes
 * before it instead: what stays set has L equal pairs from it on. Clearing
 * starts after the previous change, so a row costs O(width) whatever its
 * number of runs; on noisy rows and narrow windows the passes cost less.
 */
function horizontal(row: usize, width: i32, L: i32, a: usize): void {
  const w = <usize>width;
  const w16 = (w + 15) & ~(<usize>15);
  const back = <usize>(L - 1);
  const runs = L > 32;
  let cleared: usize = 0;
  let x: usize = 0;
  for (; x + 17 <= w; x += 16) {
    const e = i8x16.eq(v128.load(row + x), v128.load(row + x + 1));
    v128.store(a + x, e);
    if (!runs) continue;
    let zeros = ~<u32>i8x16.bitmask(e) & 0xffff;
    while (zeros != 0) {
      const z = x + <usize>ctz(zeros);
      cleared = clearBefore(a, z, back, cleared);
      zeros &= zeros - 1;
    }
  }
  for (; x + 1 < w; x++) {
    const same = load<u8>(row + x) == load<u8>(row + x + 1);
    store<u8>(a + x, same ? 0xff : 0);
    if (runs && !same) cleared = clearBefore(a, x, back, cleared);
  }
  for (let z = x; z < w16; z++) store<u8>(a + z, 0);
  if (runs) {
    clearBefore(a, x, back, cleared);
    return;
  }
  let k = 1;
  while (k * 2 <= L) {
    const kk = <usize>k;
    for (let i: usize = 0; i < w16; i += 16) v128.store(a + i, v128.and(v128.load(a + i), v128.load(a + i + kk)));
    k *= 2;
  }
  if (k < L) {
    const rest = <usize>(L - k);
    for (let i: usize = 0; i < w16; i += 16) v128.store(a + i, v128.and(v128.load(a + i), v128.load(a + i + rest)));
  }
}

/** Zeroes A[max(cleared, z - back) .. z), A[z] being 0 already; returns z + 1, where the next clearing may start. */
@inline function clearBefore(a: usize, z: usize, back: usize, cleared: usize): usize {
  let from = z > back ? z - back : 0;
  if (from < cleared) from = cleared;
  const zero = i8x16.splat(0);
  while (from + 16 <= z) {
    v128.store(a + from, zero);
    from += 16;
  }
  while (from < z) {
    store<u8>(a + from, 0);
    from++;
  }
  return z + 1;
}

@inline function bump(table: usize, label: u32, by: u32): void {
  const at = table + (<usize>label << 2);
  store<u32>(at, load<u32>(at) + by);
}

/**
 * Counts pixels [x, x + 16) of one row, given the boundary bits of each map
 * (bit i: lane i is boundary) and the row's labels there: one step per
 * distinct label, not per pixel. Ground-truth labels first (an ignored one
 * takes its lanes out of every count), then the prediction's.
 */
@inline function countBlock(gRow: usize, pRow: usize, x: usize, mg: u32, mp: u32, ign: usize, hg: usize, hp: usize, hb: usize, vg: v128, vp: v128): void {
  const both = mg & mp & <u32>i8x16.bitmask(i8x16.eq(vg, vp));
  let valid: u32 = 0xffff;
  let rest = mg | mp;
  while (rest != 0) {
    const g = load<u8>(gRow + x + <usize>ctz(rest));
    const lanes = <u32>i8x16.bitmask(i8x16.eq(vg, i8x16.splat(<i8>g)));
    rest &= ~lanes;
    if (load<u8>(ign + g) != 0) {
      valid &= ~lanes;
      continue;
    }
    bump(hg, g, popcnt(mg & lanes));
    bump(hb, g, popcnt(both & lanes));
  }
  let bits = mp & valid;
  while (bits != 0) {
    const p = load<u8>(pRow + x + <usize>ctz(bits));
    const lanes = <u32>i8x16.bitmask(i8x16.eq(vp, i8x16.splat(<i8>p)));
    bump(hp, p, popcnt(bits & lanes));
    bits &= ~lanes;
  }
}

/** Counts pixel x of one row (the scalar tail of countBlock). */
@inline function countPixel(gRow: usize, pRow: usize, x: usize, bg: u32, bp: u32, ign: usize, hg: usize, hp: usize, hb: usize): void {
  const g = load<u8>(gRow + x);
  if (load<u8>(ign + g) != 0) return;
  const p = load<u8>(pRow + x);
  bump(hg, g, bg);
  bump(hp, p, bp);
  if (g == p) bump(hb, g, bg & bp);
}

/**
 * Boundary counts of ground truth g and prediction p (width x height bytes
 * each, 1 <= d <= 127) into the tables in scratch s (see the file comment).
 */
export function boundary8(g: usize, p: usize, width: i32, height: i32, d: i32, s: usize): void {
  const w = <usize>width;
  const span = rowSpan(width);
  const ign = s;
  const hg = s + 256;
  const hp = hg + 1024;
  const hb = hp + 1024;
  const ag = s + ROWS_AT + 128;
  const ap = ag + span + PAD + 128;
  const cg = ap + span + PAD;
  const cp = cg + span;
  memory.fill(hg, 0, 3072);
  memory.fill(s + ROWS_AT, 0, boundaryScratchBytes(width) - ROWS_AT);
  const cap = i8x16.splat(<i8>(2 * d + 1));
  const one = i8x16.splat(1);
  const capByte = <u32>(2 * d + 1);
  const dd = <usize>d;
  const full = w & ~(<usize>15);
  const last = height + d;
  for (let y = 0; y < last; y++) {
    const live = y < height;
    if (live) {
      const at = <usize>y * w;
      horizontal(g + at, width, 2 * d, ag);
      horizontal(p + at, width, 2 * d, ap);
    }
    const counting = y >= d;
    const r = <usize>(y - d) * w;
    const gRow = g + r;
    const pRow = p + r;
    const gCur = g + <usize>y * w;
    const pCur = p + <usize>y * w;
    for (let x: usize = 0; x < full; x += 16) {
      let ig = i8x16.splat(0);
      let ip = i8x16.splat(0);
      if (live) {
        const hgv = v128.load(ag - dd + x);
        const hpv = v128.load(ap - dd + x);
        const sg = y > 0 ? i8x16.eq(v128.load(gCur + x), v128.load(gCur - w + x)) : i8x16.splat(0);
        const sp = y > 0 ? i8x16.eq(v128.load(pCur + x), v128.load(pCur - w + x)) : i8x16.splat(0);
        const ng = v128.and(v128.bitselect(i8x16.min_u(i8x16.add_sat_u(v128.load(cg + x), one), cap), one, sg), hgv);
        const np = v128.and(v128.bitselect(i8x16.min_u(i8x16.add_sat_u(v128.load(cp + x), one), cap), one, sp), hpv);
        v128.store(cg + x, ng);
        v128.store(cp + x, np);
        ig = i8x16.eq(ng, cap);
        ip = i8x16.eq(np, cap);
      }
      if (!counting) continue;
      const mg = <u32>i8x16.bitmask(v128.not(ig));
      const mp = <u32>i8x16.bitmask(v128.not(ip));
      if ((mg | mp) == 0) continue;
      countBlock(gRow, pRow, x, mg, mp, ign, hg, hp, hb, v128.load(gRow + x), v128.load(pRow + x));
    }
    for (let x = full; x < w; x++) {
      let bg: u32 = 1;
      let bp: u32 = 1;
      if (live) {
        const hx = load<u8>(ag - dd + x) != 0;
        const hpx = load<u8>(ap - dd + x) != 0;
        const sameG = y > 0 && load<u8>(gCur + x) == load<u8>(gCur - w + x);
        const sameP = y > 0 && load<u8>(pCur + x) == load<u8>(pCur - w + x);
        const ng: u32 = hx ? (sameG ? min<u32>(<u32>load<u8>(cg + x) + 1, capByte) : 1) : 0;
        const np: u32 = hpx ? (sameP ? min<u32>(<u32>load<u8>(cp + x) + 1, capByte) : 1) : 0;
        store<u8>(cg + x, <u8>ng);
        store<u8>(cp + x, <u8>np);
        bg = ng == capByte ? 0 : 1;
        bp = np == capByte ? 0 : 1;
      }
      if (counting && (bg | bp) != 0) countPixel(gRow, pRow, x, bg, bp, ign, hg, hp, hb);
    }
  }
}
