import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/core/metrics";
import { argmaxPlanesWasm, disableTensorKernels, initTensorKernels, tensorKernelModule } from "@/lib/core/wasm/tensor-kernels";
import { tensorWasmBytes } from "@/lib/core/wasm/testdata/load-kernels";
import { planInput } from "./plan";
import { argmaxPlanes } from "./to-label-map";
import { toInputTensor } from "./to-tensor";
import type { InputSpec } from "./types";

beforeAll(() => {
  expect(initTensorKernels(tensorWasmBytes())).toBe(true);
});
afterAll(() => disableTensorKernels());

/** Scores with ties, NaN, ±Infinity, -0 and repeated values mixed in, as a model may emit. */
function scores(rand: () => number, c: number, n: number): Float32Array {
  const v = new Float32Array(c * n);
  const specials = [Number.NaN, Infinity, -Infinity, 0, -0, 1, -1];
  for (let i = 0; i < v.length; i++) {
    const r = rand() % 100;
    v[i] = r < 8 ? specials[r % specials.length] : r < 20 ? (rand() % 3) - 1 : ((rand() / 2 ** 32) * 2 - 1) * 10;
  }
  return v;
}

describe("wasm argmax equals the TypeScript reference", () => {
  it("on random planes: channel counts 1..256, every length mod 16, ties, NaN and infinities", () => {
    const rand = mulberry32(7);
    let cases = 0;
    for (const c of [1, 2, 3, 11, 16, 19, 150, 255, 256]) {
      for (const n of [1, 15, 16, 17, 31, 33, 64, 100, 1000 + (rand() % 16)]) {
        const v = scores(rand, c, n);
        const want = new Uint8Array(n);
        argmaxPlanes(v, c, n, want);
        const got = new Uint8Array(n).fill(99);
        expect(argmaxPlanesWasm(v, c, n, got)).toBe(true);
        expect(got).toEqual(want);
        cases++;
      }
    }
    expect(cases).toBe(81);
  });

  it("gives the first maximum on exact ties and 0 for all-NaN pixels", () => {
    const n = 20;
    const v = new Float32Array(3 * n).fill(Number.NaN);
    for (let i = 0; i < n; i++) if (i % 2 === 0) v[n + i] = v[2 * n + i] = 5;
    const got = new Uint8Array(n);
    expect(argmaxPlanesWasm(v, 3, n, got)).toBe(true);
    expect(Array.from(got)).toEqual(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 0)));
  });

  it("declines what it cannot take (more than 256 channels, short buffers) so the reference runs", () => {
    expect(argmaxPlanesWasm(new Float32Array(257 * 4), 257, 4, new Uint8Array(4))).toBe(false);
    expect(argmaxPlanesWasm(new Float32Array(5), 2, 4, new Uint8Array(4))).toBe(false);
    expect(argmaxPlanesWasm(new Float32Array(8), 2, 4, new Uint8Array(3))).toBe(false);
  });

  it("reuses its memory when tensors shrink and grow", () => {
    const rand = mulberry32(11);
    for (const [c, n] of [[19, 4096], [2, 17], [40, 20000], [3, 5]]) {
      const v = scores(rand, c, n);
      const want = new Uint8Array(n);
      argmaxPlanes(v, c, n, want);
      const got = new Uint8Array(n);
      expect(argmaxPlanesWasm(v, c, n, got)).toBe(true);
      expect(got).toEqual(want);
    }
  });
});

describe("wasm RGB -> float planes equals the TypeScript copy", () => {
  it("on random images: sizes, RGB and RGBA, rgb and bgr, normalisations, padded to a fixed size or to a multiple (top-left or centred), reused buffers on both paths", () => {
    const rand = mulberry32(21);
    const module = tensorKernelModule()!;
    let cases = 0;
    for (const [w, h] of [[1, 1], [7, 5], [33, 17], [64, 31], [480, 360]]) {
      for (const channels of [3, 4] as const) {
        for (const order of ["rgb", "bgr"] as const) {
          const data = Uint8Array.from({ length: w * h * channels }, () => rand() & 255);
          const image = { data, width: w, height: h, channels };
          const spec: InputSpec = {
            layout: "nchw", size: cases % 3 === 1 ? [h + 9, w + 4] : null, sizeMultiple: 8, resize: cases % 3 === 2 ? "letterbox" : "none",
            channels: order, dtype: "float32", scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225],
          };
          const plan = planInput(spec, w, h);
          expect([plan.contentWidth, plan.contentHeight]).toEqual([w, h]);
          disableTensorKernels();
          const want = toInputTensor(image, spec, plan);
          const dirtyTs = new Float32Array(want.data.length).fill(7);
          toInputTensor(image, spec, plan, dirtyTs.buffer);
          expect(Buffer.compare(Buffer.from(dirtyTs.buffer), Buffer.from((want.data as Float32Array).buffer))).toBe(0);
          expect(initTensorKernels(module)).toBe(true);
          const got = toInputTensor(image, spec, plan);
          expect(got.dims).toEqual(want.dims);
          expect(Buffer.compare(Buffer.from((got.data as Float32Array).buffer), Buffer.from((want.data as Float32Array).buffer))).toBe(0);
          const dirty = new Float32Array(got.data.length).fill(7);
          const again = toInputTensor(image, spec, plan, dirty.buffer);
          expect(again.data.buffer).toBe(dirty.buffer);
          expect(Buffer.compare(Buffer.from(dirty.buffer), Buffer.from((want.data as Float32Array).buffer))).toBe(0);
          cases++;
        }
      }
    }
    expect(cases).toBe(20);
  });
});
