import { describe, it, expect } from "vitest";
import { AppError } from "@/lib/core/errors";
import {
  accumulate,
  createConfusion,
  fromSparse,
  mergeConfusion,
  toSparse,
  type AccumulateOptions,
  type ConfusionMatrix,
} from "./confusion";
import { mulberry32, scaleToRange } from "./prng";

/** The plain per-pixel definition, written independently of the kernel. */
function bruteForce(gt: ArrayLike<number>, pred: ArrayLike<number>, opts: AccumulateOptions): Float64Array {
  const n = opts.numClasses;
  const ignore = opts.ignoreValues ?? [];
  const counts = new Float64Array(n * (n + 1));
  for (let i = 0; i < gt.length; i++) {
    const g = gt[i];
    const p = pred[i];
    if (ignore.includes(g)) continue;
    let row = g;
    if (opts.gtLut) {
      if (g >= opts.gtLut.length) throw new Error("invalid");
      row = opts.gtLut[g];
    }
    if (row < 0) continue;
    if (row >= n) throw new Error("invalid");
    let col: number;
    if (opts.predLut) {
      const m = p < opts.predLut.length ? opts.predLut[p] : -1;
      col = m < 0 || m >= n ? n : m;
    } else {
      col = p >= n || ignore.includes(p) ? n : p;
    }
    counts[row * (n + 1) + col]++;
  }
  return counts;
}

/** A copy of `a` as a view starting at byte offset `shift` of a larger buffer (shift 0..3). */
function view8(a: ArrayLike<number>, shift: number): Uint8Array {
  const buf = new Uint8Array(a.length + 8);
  buf.set(Array.from(a), shift);
  return buf.subarray(shift, shift + a.length);
}

function view16(a: ArrayLike<number>, shift: number): Uint16Array {
  const buf = new Uint16Array(a.length + 4);
  buf.set(Array.from(a), shift);
  return buf.subarray(shift, shift + a.length);
}

/** Every input form accumulate must treat alike: 8-bit at all byte offsets (paired and mixed), 16-bit, mixed widths. */
function variants(gt: number[], pred: number[]): [string, Uint8Array | Uint16Array, Uint8Array | Uint16Array][] {
  const out: [string, Uint8Array | Uint16Array, Uint8Array | Uint16Array][] = [];
  const fits8 = gt.every((v) => v < 256) && pred.every((v) => v < 256);
  if (fits8) {
    for (const sg of [0, 1, 2, 3]) for (const sp of [0, 1, 3]) out.push([`u8 offsets ${sg}/${sp}`, view8(gt, sg), view8(pred, sp)]);
    out.push(["u8 gt, u16 pred", view8(gt, 0), view16(pred, 0)]);
    out.push(["u16 gt, u8 pred", view16(gt, 1), view8(pred, 2)]);
  }
  for (const sg of [0, 1]) for (const sp of [0, 1]) out.push([`u16 offsets ${sg}/${sp}`, view16(gt, sg), view16(pred, sp)]);
  return out;
}

function run(gt: number[], pred: number[], opts: AccumulateOptions): ConfusionMatrix[] {
  return variants(gt, pred).map(([, g, p]) => {
    const cm = createConfusion(opts.numClasses);
    accumulate(cm, g, p, opts);
    return cm;
  });
}

/** Index of the first differing cell, -1 when equal (cheap on million-cell matrices). */
function firstDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return -2;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

const tile = (a: number[], times: number) => Array.from({ length: a.length * times }, (_, i) => a[i % a.length]);

interface Case { name: string; gt: number[]; pred: number[]; opts: AccumulateOptions; expected: [number, number, number][] }

const cases: Case[] = [
  { name: "perfect", gt: [0, 1, 2, 2], pred: [0, 1, 2, 2], opts: { numClasses: 3 }, expected: [[0, 0, 1], [1, 1, 1], [2, 2, 2]] },
  { name: "void gt dropped", gt: [0, 255, 1, 255], pred: [0, 0, 1, 1], opts: { numClasses: 2, ignoreValues: [255] }, expected: [[0, 0, 1], [1, 1, 1]] },
  {
    name: "several void values",
    gt: [0, 11, 250, 1, 255, 1],
    pred: [1, 1, 0, 1, 0, 0],
    opts: { numClasses: 2, ignoreValues: [11, 250, 255] },
    expected: [[0, 1, 1], [1, 1, 1], [1, 0, 1]],
  },
  {
    name: "spill: out-of-range and predicted void",
    gt: [0, 0, 1, 1, 1],
    pred: [2, 200, 11, 1, 7],
    opts: { numClasses: 2, ignoreValues: [11] },
    expected: [[0, 2, 2], [1, 2, 2], [1, 1, 1]],
  },
  { name: "predicted void below numClasses still spills", gt: [0, 1, 2], pred: [1, 1, 1], opts: { numClasses: 3, ignoreValues: [1] }, expected: [[0, 3, 1], [2, 3, 1]] },
  { name: "empty class stays empty", gt: [0, 0, 0], pred: [0, 0, 2], opts: { numClasses: 4 }, expected: [[0, 0, 2], [0, 2, 1]] },
  {
    name: "gtLut maps and ignores",
    gt: [5, 6, 7, 5],
    pred: [0, 1, 0, 1],
    opts: { numClasses: 2, gtLut: Int32Array.from([-1, -1, -1, -1, -1, 0, 1, -1]) },
    expected: [[0, 0, 1], [0, 1, 1], [1, 1, 1]],
  },
  {
    name: "predLut maps, negative / out-of-range / past the lut spill",
    gt: [0, 1, 1, 0, 0],
    pred: [10, 20, 30, 40, 3],
    opts: { numClasses: 2, predLut: (() => { const l = new Int32Array(41).fill(-1); l[10] = 0; l[20] = 1; l[30] = 5; return l; })() },
    expected: [[0, 0, 1], [0, 2, 2], [1, 1, 1], [1, 2, 1]],
  },
  {
    name: "predLut decides even for an ignore value",
    gt: [0, 0],
    pred: [255, 0],
    opts: { numClasses: 1, ignoreValues: [255], predLut: (() => { const l = new Int32Array(256).fill(-1); l[255] = 0; return l; })() },
    expected: [[0, 0, 1], [0, 1, 1]],
  },
  { name: "1x1", gt: [3], pred: [3], opts: { numClasses: 4 }, expected: [[3, 3, 1]] },
  { name: "16-bit values", gt: [300, 300, 1000, 7], pred: [300, 301, 1000, 1000], opts: { numClasses: 1001, ignoreValues: [7] }, expected: [[300, 300, 1], [300, 301, 1], [1000, 1000, 1]] },
];

describe("accumulate: table-driven", () => {
  for (const c of cases) {
    it(c.name, () => {
      for (const times of [1, 3, 97]) {
        const gt = tile(c.gt, times);
        const pred = tile(c.pred, times);
        const want = fromSparse(c.opts.numClasses, c.expected.map(([g, p, n]) => [g, p, n * times] as const));
        expect(firstDiff(bruteForce(gt, pred, c.opts), want.counts)).toBe(-1);
        for (const cm of run(gt, pred, c.opts)) expect(firstDiff(cm.counts, want.counts)).toBe(-1);
      }
    });
  }

  it("throws on an invalid ground-truth value and leaves the matrix untouched", () => {
    const cm = createConfusion(2);
    accumulate(cm, Uint8Array.of(0, 1), Uint8Array.of(0, 1), { numClasses: 2 });
    const before = Array.from(cm.counts);
    for (const [, g, p] of variants(tile([0, 1, 5, 1], 40), tile([0, 1, 1, 1], 40))) {
      expect(() => accumulate(cm, g, p, { numClasses: 2 })).toThrow(/ground-truth pixel\(s\) hold value 5/);
      expect(Array.from(cm.counts)).toEqual(before);
    }
    expect(() => accumulate(cm, Uint8Array.of(3), Uint8Array.of(0), { numClasses: 2, gtLut: Int32Array.of(0, 1) })).toThrow(AppError);
    expect(() => accumulate(cm, Uint8Array.of(0), Uint8Array.of(0), { numClasses: 2, gtLut: Int32Array.of(4) })).toThrow(AppError);
  });

  it("counts the next image exactly after one refused for an invalid ground-truth value", () => {
    const opts = { numClasses: 3, ignoreValues: [255] };
    const bad = tile([0, 1, 7, 2, 200, 255], 50);
    expect(() => accumulate(createConfusion(3), Uint8Array.from(bad), Uint8Array.from(tile([0, 1, 2, 9, 1, 0], 50)), opts)).toThrow(/value (7|200)/);
    const gt = tile([0, 0, 1, 2, 255, 1], 50);
    const pred = tile([0, 2, 1, 2, 1, 9], 50);
    const cm = createConfusion(3);
    accumulate(cm, Uint8Array.from(gt), Uint8Array.from(pred), opts);
    expect(Array.from(cm.counts)).toEqual(Array.from(bruteForce(gt, pred, opts)));
  });

  it("rejects mismatched lengths and class counts", () => {
    const cm = createConfusion(2);
    expect(() => accumulate(cm, new Uint8Array(3), new Uint8Array(4), { numClasses: 2 })).toThrow(/3 pixels but prediction has 4/);
    expect(() => accumulate(cm, new Uint8Array(3), new Uint8Array(3), { numClasses: 3 })).toThrow(AppError);
    expect(() => createConfusion(0)).toThrow(AppError);
  });

  it("sees a lut changed in place between calls", () => {
    const lut = Int32Array.of(0, 1);
    const a = createConfusion(2);
    accumulate(a, Uint8Array.of(0, 1), Uint8Array.of(0, 1), { numClasses: 2, predLut: lut });
    lut[0] = 1;
    accumulate(a, Uint8Array.of(0, 1), Uint8Array.of(0, 1), { numClasses: 2, predLut: lut });
    expect(toSparse(a)).toEqual([[0, 0, 1], [0, 1, 1], [1, 1, 2]]);
  });
});

/** Random label maps: long runs, pure noise or a mix, with values above numClasses and void values sprinkled in. */
function randomMask(next: () => number, n: number, values: number, mode: "runs" | "noise"): number[] {
  const out: number[] = [];
  let v = scaleToRange(next(), values);
  while (out.length < n) {
    const len = mode === "noise" ? 1 : 1 + scaleToRange(next(), 40);
    for (let j = 0; j < len && out.length < n; j++) out.push(v);
    v = scaleToRange(next(), values);
  }
  return out;
}

describe("accumulate: property tests against the brute-force definition", () => {
  // The last two are large enough for the 8-bit pair-table kernel (n >= 256 per class row); smaller ones count runs directly.
  const sizes: [number, number][] = [[1, 1], [1, 7], [13, 1], [3, 5], [17, 9], [64, 3], [101, 37], [255, 4], [80, 60], [129, 41]];
  const next = mulberry32(12345);
  let trial = 0;
  for (const [w, h] of sizes) {
    for (const mode of ["runs", "noise"] as const) {
      it(`${w}x${h} ${mode}`, () => {
        for (let rep = 0; rep < 4; rep++, trial++) {
          const numClasses = 1 + scaleToRange(next(), 12);
          const ignoreValues = [numClasses + scaleToRange(next(), 3), 255].slice(0, 1 + (trial % 2));
          const opts: AccumulateOptions = { numClasses, ignoreValues };
          if (trial % 3 === 1) opts.predLut = Int32Array.from({ length: 260 }, () => scaleToRange(next(), numClasses + 2) - 1);
          const gtMode = rep % 2 === 0 ? mode : "runs";
          const gt = randomMask(next, w * h, numClasses + 1, gtMode).map((v) => (v === numClasses ? ignoreValues[0] : v));
          const pred = randomMask(next, w * h, numClasses + 4, mode).map((v) => (v === numClasses + 3 ? 255 : v));
          const want = Array.from(bruteForce(gt, pred, opts));
          for (const cm of run(gt, pred, opts)) expect(Array.from(cm.counts)).toEqual(want);
        }
      });
    }
  }

  it("random splits merged in any order equal the whole", () => {
    const rng = mulberry32(99);
    for (let rep = 0; rep < 20; rep++) {
      const n = 1 + scaleToRange(rng(), 5000);
      const opts = { numClasses: 6, ignoreValues: [6, 9] };
      const gt = Uint8Array.from(randomMask(rng, n, 7, rep % 2 ? "runs" : "noise"));
      const pred = Uint8Array.from(randomMask(rng, n, 10, "runs"));
      const whole = createConfusion(6);
      accumulate(whole, gt, pred, opts);
      const cuts = [0, n, ...Array.from({ length: scaleToRange(rng(), 6) }, () => scaleToRange(rng(), n))].sort((a, b) => a - b);
      const parts: ConfusionMatrix[] = [];
      for (let i = 0; i + 1 < cuts.length; i++) {
        const part = createConfusion(6);
        if (cuts[i + 1] > cuts[i]) accumulate(part, gt.subarray(cuts[i], cuts[i + 1]), pred.subarray(cuts[i], cuts[i + 1]), opts);
        parts.push(part);
      }
      for (let i = parts.length - 1; i > 0; i--) {
        const j = scaleToRange(rng(), i + 1);
        [parts[i], parts[j]] = [parts[j], parts[i]];
      }
      const merged = createConfusion(6);
      for (const p of parts) mergeConfusion(merged, p);
      expect(Array.from(merged.counts)).toEqual(Array.from(whole.counts));
      expect(Array.from(fromSparse(6, toSparse(merged)).counts)).toEqual(Array.from(whole.counts));
    }
  });
});

describe("sparse form and merging", () => {
  it("round-trips, lists the spill column as numClasses, and validates", () => {
    const cm = fromSparse(3, [[0, 3, 5], [2, 1, 7], [2, 1, 1]]);
    expect(toSparse(cm)).toEqual([[0, 3, 5], [2, 1, 8]]);
    expect(() => fromSparse(3, [[3, 0, 1]])).toThrow(AppError);
    expect(() => fromSparse(3, [[0, 4, 1]])).toThrow(AppError);
    expect(() => fromSparse(3, [[0, 0, -1]])).toThrow(AppError);
    expect(() => fromSparse(3, [[0, 0, 1.5]])).toThrow(AppError);
    expect(() => mergeConfusion(createConfusion(2), createConfusion(3))).toThrow(AppError);
  });
});
