import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disableWasmKernels, initWasmKernels, memoryView, reserveSlots, wasmKernels } from "@/lib/core/wasm/kernels";
import { kernelWasmBytes } from "@/lib/core/wasm/testdata/load-kernels";
import { accumulateBoundary, boundaryWidth, createBoundaryCounts } from "./boundary";
import { countBoundary8Wasm, MAX_WASM_D } from "./boundary-wasm";
import { mulberry32, scaleToRange } from "./prng";

// The WebAssembly boundary kernel against the TypeScript sweep (which
// boundary.test.ts checks against brute-force erosion), on random maps:
// widths across the 16-pixel blocks, boundary widths up to the kernel's
// largest, textures from flat to pure noise, ignore values (also ones that
// are class indices), labels past the class list, and inputs in and outside
// wasm memory.

let wasmBytes: Uint8Array;
beforeAll(() => {
  wasmBytes = kernelWasmBytes();
});
afterAll(() => disableWasmKernels());

/** Rectangles of random labels on a background, then speckles: `speckle` of the pixels get a random label. */
function texture(next: () => number, w: number, h: number, values: number, speckle: number): Uint8Array {
  const a = new Uint8Array(w * h).fill(scaleToRange(next(), values));
  const rects = scaleToRange(next(), 8);
  for (let r = 0; r < rects; r++) {
    const v = scaleToRange(next(), values);
    const x0 = scaleToRange(next(), w);
    const y0 = scaleToRange(next(), h);
    const x1 = Math.min(w, x0 + 1 + scaleToRange(next(), w));
    const y1 = Math.min(h, y0 + 1 + scaleToRange(next(), h));
    for (let y = y0; y < y1; y++) a.fill(v, y * w + x0, y * w + x1);
  }
  for (let i = 0; i < a.length; i++) if (next() / 2 ** 32 < speckle) a[i] = scaleToRange(next(), values);
  return a;
}

interface Case {
  w: number;
  h: number;
  gt: Uint8Array;
  pred: Uint8Array;
  numClasses: number;
  ignore: number[];
  ratio: number;
}

/** Intersection and union per class, through accumulateBoundary on the current thread's kernels. */
function counts(c: Case): number[][] {
  const out = createBoundaryCounts(c.numClasses);
  accumulateBoundary(out, { width: c.w, height: c.h, data: c.gt }, { width: c.w, height: c.h, data: c.pred }, { numClasses: c.numClasses, ignoreValues: c.ignore, dilationRatio: c.ratio });
  return [Array.from(out.intersection), Array.from(out.union)];
}

function randomCase(next: () => number, t: number): Case {
  const widths = [1, 2, 15, 16, 17, 31, 32, 33, 47, 48, 49];
  const w = t % 3 === 0 ? widths[t % widths.length] : 1 + scaleToRange(next(), 260);
  const h = 1 + scaleToRange(next(), t % 7 === 0 ? 300 : 120);
  const numClasses = 1 + scaleToRange(next(), 12);
  const values = numClasses + 2;
  const speckle = [0, 0, 0.001, 0.05, 0.5, 1][t % 6];
  const gt = texture(next, w, h, values, speckle);
  const pred = next() % 4 === 0 ? gt.slice() : texture(next, w, h, values, [0, 0.01, 0.3][t % 3]);
  const ignore = [[], [numClasses], [numClasses + 1, 0], [2, 255]][t % 4];
  const diag = Math.sqrt(w * w + h * h);
  // Boundary widths from 1 to past the kernel's largest (those take the TypeScript path).
  const d = t % 11 === 0 ? MAX_WASM_D - 2 + scaleToRange(next(), 4) : 1 + scaleToRange(next(), 30);
  return { w, h, gt, pred, numClasses, ignore, ratio: d / diag };
}

describe("wasm boundary counting equals the TypeScript sweep", () => {
  it("on random maps: sizes, boundary widths, textures, ignore values, labels past the classes", () => {
    const next = mulberry32(2021);
    let viaWasm = 0;
    for (let t = 0; t < 600; t++) {
      const c = randomCase(next, t);
      disableWasmKernels();
      const want = counts(c);
      expect(initWasmKernels(wasmBytes)).toBe(true);
      const d = boundaryWidth(c.w, c.h, c.ratio);
      expect(counts(c), `case ${t}: ${c.w}x${c.h}, d ${d}`).toEqual(want);
      // The kernel itself, not a fallback: it takes the case and gives the same counts.
      const direct = createBoundaryCounts(c.numClasses);
      expect(countBoundary8Wasm(direct, c.gt, c.pred, c.w, c.h, d, c.ignore)).toBe(d <= MAX_WASM_D);
      if (d <= MAX_WASM_D) {
        expect([Array.from(direct.intersection), Array.from(direct.union)], `case ${t} direct`).toEqual(want);
        viaWasm++;
      }
    }
    expect(viaWasm).toBeGreaterThan(500);
  });

  it("takes every map up to d = 127 and no wider boundary", () => {
    expect(initWasmKernels(wasmBytes)).toBe(true);
    const gt = new Uint8Array(300 * 300);
    const counts = createBoundaryCounts(2);
    expect(countBoundary8Wasm(counts, gt, gt, 300, 300, MAX_WASM_D, [])).toBe(true);
    expect(countBoundary8Wasm(counts, gt, gt, 300, 300, MAX_WASM_D + 1, [])).toBe(false);
    // 300x300 of class 0: the interior is the 46x46 centre (d = 127 on each side).
    expect(counts.union[0]).toBe(300 * 300 - 46 * 46);
    expect(counts.intersection[0]).toBe(300 * 300 - 46 * 46);
  });

  it("on maps in wasm memory (either or both in a slot, any byte offset) and outside it", () => {
    const next = mulberry32(77);
    expect(initWasmKernels(wasmBytes)).toBe(true);
    for (let t = 0; t < 60; t++) {
      const c = randomCase(next, t);
      disableWasmKernels();
      const want = counts(c);
      expect(initWasmKernels(wasmBytes)).toBe(true);
      const k = wasmKernels()!;
      expect(reserveSlots(k, c.w * c.h + 8)).toBe(true);
      const offset = t % 5;
      const place = (a: Uint8Array, slot: 0 | 1) => {
        const view = memoryView(k, k.slots[slot] + offset, a.length);
        view.set(a);
        return view;
      };
      const layouts: (() => [Uint8Array, Uint8Array])[] = [
        () => [place(c.gt, 0), c.pred],
        () => [c.gt, place(c.pred, 1)],
        () => [place(c.gt, 1), place(c.pred, 0)],
      ];
      const [gt, pred] = layouts[t % 3]();
      expect(counts({ ...c, gt, pred }), `case ${t}`).toEqual(want);
    }
  });
});
