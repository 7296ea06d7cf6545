import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { disableWasmKernels, initWasmKernels, memoryView, reserveSlots, wasmKernels } from "@/lib/core/wasm/kernels";
import { kernelWasmBytes } from "@/lib/core/wasm/testdata/load-kernels";
import { accumulate, createConfusion, type AccumulateOptions } from "./confusion";
import { mulberry32, scaleToRange } from "./prng";

// accumulate with the WebAssembly pair histogram (lib/core/wasm) against the
// TypeScript kernels it replaces, on every case: random sizes (across the
// 16-pixel blocks), textures, byte offsets, inputs in and outside wasm
// memory, luts, ignore values, invalid ground truth.

let wasmBytes: Uint8Array;
beforeAll(() => {
  wasmBytes = kernelWasmBytes();
});
afterAll(() => disableWasmKernels());

/** Runs of random length (mean ~len/2) of random values below `values`, with a share of single-pixel speckles. */
function mask(next: () => number, n: number, values: number, len: number, speckle: number): Uint8Array {
  const out = new Uint8Array(n);
  let i = 0;
  while (i < n) {
    const v = scaleToRange(next(), values);
    const stop = Math.min(n, i + 1 + scaleToRange(next(), len));
    for (; i < stop; i++) out[i] = next() < speckle ? scaleToRange(next(), values) : v;
  }
  return out;
}

/** The counts (or the error message) of accumulate on one thread's current kernels. */
function counts(gt: Uint8Array, pred: Uint8Array, opts: AccumulateOptions): number[] | string {
  const cm = createConfusion(opts.numClasses);
  try {
    accumulate(cm, gt, pred, opts);
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  return Array.from(cm.counts);
}

/** A copy of `a` at byte `offset` of a fresh buffer, or in wasm memory slot `slot` when given. */
function placed(a: Uint8Array, offset: number, slot?: 0 | 1): Uint8Array {
  if (slot !== undefined) {
    const k = wasmKernels()!;
    const view = memoryView(k, k.slots[slot] + offset, a.length);
    view.set(a);
    return view;
  }
  const buf = new Uint8Array(a.length + 8);
  buf.set(a, offset);
  return buf.subarray(offset, offset + a.length);
}

describe("wasm pair counting equals the TypeScript kernel", () => {
  it("on random cases: sizes, textures, offsets, luts, ignore values, invalid ground truth, in and outside wasm memory", () => {
    const next = mulberry32(4711);
    for (let t = 0; t < 400; t++) {
      const n = t % 10 === 0 ? 200_000 + scaleToRange(next(), 1000) : 1 + scaleToRange(next(), 12_000);
      const numClasses = 1 + scaleToRange(next(), t % 7 === 0 ? 200 : 20);
      const ignoreValues = t % 3 === 0 ? [] : [numClasses + scaleToRange(next(), 3), 255].slice(0, 1 + (t % 2));
      const opts: AccumulateOptions = { numClasses, ignoreValues };
      if (t % 4 === 1) opts.predLut = Int32Array.from({ length: 1 + scaleToRange(next(), 300) }, () => scaleToRange(next(), numClasses + 2) - 1);
      if (t % 5 === 2) opts.gtLut = Int32Array.from({ length: 256 }, () => scaleToRange(next(), numClasses + 1) - 1);
      const runLength = [1, 4, 40, 2000][t % 4];
      // Ground truth: classes, ignore values and (every 6th case) a few invalid values.
      const gtValues = numClasses + (t % 6 === 5 ? 3 : 0);
      const gt = mask(next, n, Math.min(256, gtValues + 1), runLength, 0.01).map((v) => (v === gtValues ? (ignoreValues[0] ?? 0) : v));
      const pred = mask(next, n, Math.min(256, numClasses + 4), runLength, t % 2 ? 0.05 : 0);
      disableWasmKernels();
      const want = counts(gt, pred, opts);
      expect(initWasmKernels(wasmBytes)).toBe(true);
      expect(reserveSlots(wasmKernels()!, n + 16)).toBe(true);
      const og = scaleToRange(next(), 8);
      const op = scaleToRange(next(), 8);
      const where = `case ${t}: n ${n}, ${numClasses} classes, offsets ${og}/${op}`;
      expect(counts(placed(gt, og), placed(pred, op), opts), `${where}, outside wasm memory`).toEqual(want);
      expect(counts(placed(gt, og, 0), placed(pred, op, 1), opts), `${where}, in wasm memory`).toEqual(want);
      expect(counts(placed(gt, og, 0), placed(pred, op), opts), `${where}, one in wasm memory`).toEqual(want);
      // The one in wasm memory stays as it is: the other is copied into the slot it does not hold.
      const held = placed(gt, og, 1);
      expect(counts(held, placed(pred, op), opts), `${where}, the ground truth in slot 1`).toEqual(want);
      expect(Buffer.compare(held, gt), `${where}, slot 1 kept`).toBe(0);
      expect(counts(placed(gt, og), placed(pred, op, 0), opts), `${where}, the prediction in slot 0`).toEqual(want);
    }
  });

  it("one changed pixel (and one ignored) at every position of the first and last blocks, every length mod 16", () => {
    expect(initWasmKernels(wasmBytes)).toBe(true);
    // 4 classes + ignore: the pair kernel takes images from 5 x 256 pixels on.
    const opts = { numClasses: 4, ignoreValues: [255] };
    for (let n = 1280; n < 1312; n++) {
      for (const at of [...Array.from({ length: 40 }, (_, i) => i), ...Array.from({ length: 40 }, (_, i) => n - 1 - i)]) {
        const gt = new Uint8Array(n).fill(3);
        const pred = new Uint8Array(n).fill(1);
        pred[at] = 2;
        gt[(at * 7) % n] = 255;
        const want = new Array<number>(4 * 5).fill(0);
        for (let i = 0; i < n; i++) if (gt[i] !== 255) want[gt[i] * 5 + pred[i]]++;
        expect(counts(gt, pred, opts), `n ${n} at ${at}`).toEqual(want);
      }
    }
  });
});
