import onnxProto from "onnx-proto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { onnxConfigSchema, type OnnxConfig } from "@/lib/contracts/onnx-config";
import { mulberry32 } from "@/lib/core/metrics";
import type { RunnerSample } from "../runner";
import { ELEM, encodeOnnxModel, floatTensor, node, valueInfo } from "@/lib/core/onnx/build-graph";
import { disableTensorKernels, initTensorKernels, tensorKernelModule } from "@/lib/core/wasm/tensor-kernels";
import { createOnnxRunner, inspectOnnxModel } from "./onnx-runner";

const raw = { scale: 1, mean: [0, 0, 0] as [number, number, number], std: [1, 1, 1] as [number, number, number] };
const cfg = (input: Partial<OnnxConfig["input"]>, output: Partial<OnnxConfig["output"]>) => onnxConfigSchema.parse({ input, output });

/** Conv 1x1 (weights [c][3]) on x [1,3,H,W] (or fixed h x w). */
function convGraph(weights: number[][], opts: { bias?: number[]; size?: [number, number]; tail?: "argmax" | "sigmoid" } = {}) {
  const [h, w] = opts.size ?? ["H", "W"];
  const c = weights.length;
  const inits = [floatTensor("w", [c, 3, 1, 1], weights.flat())];
  if (opts.bias) inits.push(floatTensor("b", [c], opts.bias));
  const conv = node("Conv", opts.bias ? ["x", "w", "b"] : ["x", "w"], [opts.tail ? "s" : "y"]);
  const nodes = [conv];
  if (opts.tail === "argmax") nodes.push(node("ArgMax", ["s"], ["y"], { axis: 1, keepdims: 0 }));
  if (opts.tail === "sigmoid") nodes.push(node("Sigmoid", ["s"], ["y"]));
  const out = opts.tail === "argmax" ? valueInfo("y", ELEM.int64, [1, h, w]) : valueInfo("y", ELEM.float, [1, c, h, w]);
  return encodeOnnxModel({ nodes, initializers: inits, inputs: [valueInfo("x", ELEM.float, [1, 3, h, w])], outputs: [out] });
}

/** uint8 NHWC input -> Cast -> Transpose -> Conv identity -> Transpose: NHWC scores = the RGB values. */
function nhwcGraph() {
  return encodeOnnxModel({
    nodes: [
      node("Cast", ["x"], ["f"], { to: ELEM.float }),
      node("Transpose", ["f"], ["t"], { perm: [0, 3, 1, 2] }),
      node("Conv", ["t", "w"], ["s"]),
      node("Transpose", ["s"], ["y"], { perm: [0, 2, 3, 1] }),
    ],
    initializers: [floatTensor("w", [3, 3, 1, 1], [1, 0, 0, 0, 1, 0, 0, 0, 1])],
    inputs: [valueInfo("x", ELEM.uint8, [1, "H", "W", 3])],
    outputs: [valueInfo("y", ELEM.float, [1, "H", "W", 3])],
  });
}

function randomImage(w: number, h: number, seed: number) {
  const rand = mulberry32(seed);
  const px = new Uint8Array(w * h * 3);
  for (let i = 0; i < px.length; i++) px[i] = rand() & 255;
  return px;
}
const png = (px: Uint8Array, w: number, h: number) => sharp(px, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
const sample = (w: number, h: number, name = "img-1"): RunnerSample => ({ id: name, name, imageSha256: "x", width: w, height: h });
/** Hand reference: per pixel, the index of the largest of the given channels (first wins). */
const argmaxOf = (px: Uint8Array, i: number, channels: number[]) =>
  channels.reduce((best, c, k) => (px[i * 3 + c] > px[i * 3 + channels[best]] ? k : best), 0);

async function run(model: Uint8Array, config: OnnxConfig, image: Buffer, s: RunnerSample, workers?: number) {
  const runner = createOnnxRunner({ model, config, fileName: "test.onnx", workers, readImage: async () => image });
  try {
    return await runner.predict(s);
  } finally {
    await runner.close();
  }
}

describe("onnx runner", () => {
  it("ids: Conv 1x1 + ArgMax, padded to a multiple of 32 and cropped back, pixel for pixel", async () => {
    const [w, h] = [37, 23];
    const px = randomImage(w, h, 1);
    const model = convGraph([[1, 0, 0], [0, 1, 0]], { tail: "argmax" });
    const m = await run(model, cfg({ ...raw, resize: "none", sizeMultiple: 32 }, { kind: "ids" }), await png(px, w, h), sample(w, h));
    expect([m.width, m.height]).toEqual([w, h]);
    for (let i = 0; i < w * h; i++) expect(m.data[i]).toBe(px[i * 3 + 1] > px[i * 3] ? 1 : 0);
  });

  it("resizes back to a ground truth of another size with nearest neighbour", async () => {
    const px = randomImage(16, 8, 2);
    const model = convGraph([[1, 0, 0], [0, 1, 0]], { tail: "argmax" });
    const m = await run(model, cfg({ ...raw, resize: "none", sizeMultiple: 8 }, { kind: "ids" }), await png(px, 16, 8), sample(8, 4));
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 8; x++) {
        const i = (2 * y + 1) * 16 + 2 * x + 1; // gt (x, y) -> image (2x + 1, 2y + 1)
        expect(m.data[y * 8 + x]).toBe(px[i * 3 + 1] > px[i * 3] ? 1 : 0);
      }
    }
  });

  it("scores NCHW with letterbox into a fixed size: the padding class never appears", async () => {
    // 8x4 image, left half red, right half green; model 4x4; channel 2 wins only on the zero padding.
    const px = new Uint8Array(8 * 4 * 3);
    for (let i = 0; i < 32; i++) px.set(i % 8 < 4 ? [200, 10, 10] : [10, 200, 10], i * 3);
    const model = convGraph([[1, 0, 0], [0, 1, 0], [0, 0, 1]], { bias: [0, 0, 0.5], size: [4, 4] });
    const expected = Array.from({ length: 32 }, (_, i) => (i % 8 < 4 ? 0 : 1));
    for (const resize of ["letterbox", "stretch"] as const) {
      const m = await run(model, cfg({ size: [4, 4], resize, scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] }, { kind: "scores" }), await png(px, 8, 4), sample(8, 4));
      expect(Array.from(m.data)).toEqual(expected);
    }
  });

  it("scores NCHW, 5 classes with ties, pixel for pixel: argmax in the session's thread (WebAssembly), on the main thread, and without the kernels", async () => {
    const [w, h] = [37, 23];
    const px = randomImage(w, h, 9);
    for (let i = 0; i < w * h; i += 7) px[i * 3 + 1] = px[i * 3]; // R = G: classes 0 and 1 tie, the first wins
    const weights = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0], [1, -1, 1]];
    const config = cfg({ resize: "none", sizeMultiple: 8, ...raw }, { kind: "scores" });
    const expected = Array.from({ length: w * h }, (_, i) => {
      const s = weights.map((k) => k[0] * px[i * 3] + k[1] * px[i * 3 + 1] + k[2] * px[i * 3 + 2]);
      return s.indexOf(Math.max(...s));
    });
    const image = await png(px, w, h);
    const model = convGraph(weights);
    const inWorker = await run(model, config, image, sample(w, h), 1);
    expect(tensorKernelModule()).not.toBeNull();
    expect(Array.from(inWorker.data)).toEqual(expected);
    // From its second run of a shape on, the session writes the scores straight into the kernel's memory: images
    // alternate with their colours reversed, so a stale or misplaced score buffer gives the other image's labels.
    const reversed = px.slice().reverse();
    const expectedReversed = Array.from({ length: w * h }, (_, i) => {
      const s = weights.map((k) => k[0] * reversed[i * 3] + k[1] * reversed[i * 3 + 1] + k[2] * reversed[i * 3 + 2]);
      return s.indexOf(Math.max(...s));
    });
    const other = await png(reversed, w, h);
    const runner = createOnnxRunner({ model, config, fileName: "test.onnx", workers: 1, readImage: async (s) => (s.name.endsWith("r") ? other : image) });
    try {
      for (const name of ["a", "b-r", "c", "d-r", "e-r", "f"]) {
        expect(Array.from((await runner.predict(sample(w, h, name))).data)).toEqual(name.endsWith("r") ? expectedReversed : expected);
      }
    } finally {
      await runner.close();
    }
    expect(Array.from((await run(model, config, image, sample(w, h), 0)).data)).toEqual(expected);
    const kernels = tensorKernelModule()!;
    disableTensorKernels();
    try {
      expect(Array.from((await run(model, config, image, sample(w, h), 1)).data)).toEqual(expected);
    } finally {
      initTensorKernels(kernels);
    }
  });

  it("float32 NCHW without a resize: pixels go to the session's thread, which fills the tensor; images of several sizes alternate, pixel for pixel as in process", async () => {
    // A 3x3 convolution: pixels next to the padding see it, so padding left over from a bigger image changes labels.
    const rand = mulberry32(7);
    const model = encodeOnnxModel({
      nodes: [node("Conv", ["x", "w"], ["y"], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] })],
      initializers: [floatTensor("w", [4, 3, 3, 3], Array.from({ length: 108 }, () => rand() * 2 - 1))],
      inputs: [valueInfo("x", ELEM.float, [1, 3, "H", "W"])],
      outputs: [valueInfo("y", ELEM.float, [1, 4, "H", "W"])],
    });
    const sizes: [number, number][] = [[37, 23], [16, 16], [9, 30], [37, 23], [64, 8]];
    const images = await Promise.all(sizes.map(([w, h], k) => png(randomImage(w, h, 20 + k), w, h)));
    const readImage = async (s: RunnerSample) => images[Number(s.id)];
    const samples = sizes.map(([w, h], k) => ({ ...sample(w, h, `s${k}`), id: String(k) }));
    expect(tensorKernelModule()).not.toBeNull();
    for (const channels of ["rgb", "bgr"] as const) {
      const config = cfg({ resize: "none", sizeMultiple: 8, channels, scale: 1 / 255, mean: [0.5, 0.4, 0.3], std: [0.2, 0.3, 0.25] }, { kind: "scores" });
      const threaded = createOnnxRunner({ model, config, fileName: "t.onnx", workers: 1, readImage });
      const inProcess = createOnnxRunner({ model, config, fileName: "t.onnx", workers: 0, readImage });
      try {
        const prepared = await threaded.prepare(samples[0]);
        expect("pixels" in prepared.input).toBe(true);
        expect(prepared.dims).toEqual([1, 3, 24, 40]);
        expect("pixels" in (await inProcess.prepare(samples[0])).input).toBe(false);
        for (const s of [...samples, ...samples.slice().reverse()]) {
          const [a, b] = [await threaded.predict(s), await inProcess.predict(s)];
          expect([a.width, a.height]).toEqual([s.width, s.height]);
          expect(Array.from(a.data)).toEqual(Array.from(b.data));
        }
      } finally {
        await Promise.all([threaded.close(), inProcess.close()]);
      }
    }
  });

  it("scores NHWC (uint8 input, Transpose graph), BGR order, pixel for pixel", async () => {
    const [w, h] = [19, 11];
    const px = randomImage(w, h, 3);
    const image = await png(px, w, h);
    const rgb = await run(nhwcGraph(), cfg({ layout: "nhwc", dtype: "uint8", resize: "none", sizeMultiple: 8 }, { kind: "scores" }), image, sample(w, h));
    const bgr = await run(nhwcGraph(), cfg({ layout: "nhwc", dtype: "uint8", resize: "none", sizeMultiple: 8, channels: "bgr" }, { kind: "scores" }), image, sample(w, h));
    for (let i = 0; i < w * h; i++) {
      expect(rgb.data[i]).toBe(argmaxOf(px, i, [0, 1, 2]));
      expect(bgr.data[i]).toBe(argmaxOf(px, i, [2, 1, 0]));
    }
  });

  it("NCHW input, NHWC scores (as tf2onnx --inputs-as-nchw exports): read with output.layout, pixel for pixel, in process and in a session's thread", async () => {
    const [w, h] = [17, 10];
    const px = randomImage(w, h, 8);
    const model = encodeOnnxModel({
      nodes: [node("Conv", ["x", "w"], ["s"]), node("Transpose", ["s"], ["y"], { perm: [0, 2, 3, 1] })],
      initializers: [floatTensor("w", [3, 3, 1, 1], [1, 0, 0, 0, 1, 0, 0, 0, 1])],
      inputs: [valueInfo("x", ELEM.float, [1, 3, "H", "W"])],
      outputs: [valueInfo("y", ELEM.float, [1, "H", "W", 3])],
    });
    const config = cfg({ ...raw, resize: "none", sizeMultiple: 4 }, { kind: "scores", layout: "nhwc" });
    for (const workers of [0, 1]) {
      const m = await run(model, config, await png(px, w, h), sample(w, h), workers);
      for (let i = 0; i < w * h; i++) expect(m.data[i]).toBe(argmaxOf(px, i, [0, 1, 2]));
    }
  });

  it("probability: Sigmoid(R - G) >= 0.5 is class 1", async () => {
    const [w, h] = [13, 9];
    const px = randomImage(w, h, 4);
    for (let i = 0; i < 10; i++) px[i * 3 + 1] = px[i * 3]; // ties: sigmoid(0) = 0.5 -> 1
    const model = convGraph([[1, -1, 0]], { tail: "sigmoid" });
    const m = await run(model, cfg({ ...raw, resize: "none", sizeMultiple: 1 }, { kind: "probability", threshold: 0.5 }), await png(px, w, h), sample(w, h));
    for (let i = 0; i < w * h; i++) expect(m.data[i]).toBe(px[i * 3] >= px[i * 3 + 1] ? 1 : 0);
  });

  it("predictMany keeps two in flight and yields every sample", async () => {
    const px = randomImage(8, 8, 5);
    const image = await png(px, 8, 8);
    const runner = createOnnxRunner({ model: convGraph([[1, 0, 0], [0, 1, 0]], { tail: "argmax" }), config: cfg({ ...raw, resize: "none" }, { kind: "ids" }), fileName: "t.onnx", readImage: async () => image });
    const names: string[] = [];
    for await (const o of runner.predictMany([1, 2, 3, 4, 5].map((k) => sample(8, 8, `s${k}`)))) {
      expect(o.error).toBeUndefined();
      names.push(o.sample.name);
    }
    await runner.close();
    expect(names.sort()).toEqual(["s1", "s2", "s3", "s4", "s5"]);
  });
});

describe("onnx runner after close (a cancelled or failed run)", () => {
  it.each([1, 0])("samples still in flight end at once and never load the model again (workers=%i)", async (workers) => {
    const px = randomImage(8, 8, 6);
    const image = await png(px, 8, 8);
    const bytes = convGraph([[1, 0, 0], [0, 1, 0]], { tail: "argmax" });
    let loads = 0;
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => (release = r));
    const readImage = async (s: RunnerSample) => {
      if (s.name !== "s1") await slow;
      return image;
    };
    const runner = createOnnxRunner({ model: async () => (loads++, bytes), config: cfg({ ...raw, resize: "none" }, { kind: "ids" }), fileName: "t.onnx", workers, readImage });
    const outcomes = runner.predictMany([1, 2, 3].map((k) => sample(8, 8, `s${k}`)), 3);
    const first = await outcomes.next();
    expect(first.value?.error).toBeUndefined();
    await runner.close();
    release();
    const late = await Promise.allSettled([runner.predict(sample(8, 8, "s4"))]);
    expect(late[0].status).toBe("rejected");
    expect(String((late[0] as PromiseRejectedResult).reason.message)).toMatch(/^the run was stopped \(the model t\.onnx was closed\)\.$/);
    await outcomes.return(undefined);
    await new Promise((r) => setTimeout(r, 100));
    expect(loads).toBe(1);
  });
});

describe("onnx bad inputs", () => {
  const ids = cfg({ ...raw }, { kind: "ids" });
  it("bytes that are not ONNX", async () => {
    await expect(inspectOnnxModel(new TextEncoder().encode("hello"), ids, { fileName: "model.onnx" })).rejects.toThrow(/^model\.onnx: not a loadable ONNX model/);
    // A form marks the field at fault: the file when it does not load, the preprocessing when it does not fit.
    await expect(inspectOnnxModel(new TextEncoder().encode("hello"), ids, { fileName: "model.onnx" })).rejects.toMatchObject({ fieldErrors: { file: [expect.stringMatching(/^model\.onnx: not a loadable ONNX model/)] } });
    await expect(inspectOnnxModel(new Uint8Array(0), ids, { fileName: "empty.onnx" })).rejects.toMatchObject({
      message: "empty.onnx: the file is empty, not an ONNX model.",
      fieldErrors: { file: ["empty.onnx: the file is empty, not an ONNX model."] },
    });
    const fixedIds = convGraph([[1, 0, 0], [0, 1, 0]], { tail: "argmax", size: [4, 4] });
    await expect(inspectOnnxModel(fixedIds, cfg({ size: [8, 8] }, { kind: "ids" }), { fileName: "m.onnx" })).rejects.toMatchObject({ fieldErrors: { config: [expect.stringMatching(/size is \[8, 8\]/)] } });
  });
  it("a config that does not fit the signature", async () => {
    const fixed = convGraph([[1, 0, 0], [0, 1, 0]], { tail: "argmax", size: [4, 4] });
    await expect(inspectOnnxModel(fixed, ids, { fileName: "m.onnx" })).rejects.toThrow(/m\.onnx: input x: float32 \[1, 3, 4, 4\] takes a fixed size of 4x4.*set size to \[4, 4\]/);
    await expect(inspectOnnxModel(fixed, cfg({ size: [8, 8] }, { kind: "ids" }), { fileName: "m.onnx" })).rejects.toThrow(/takes 4 x 4.*size is \[8, 8\]/);
    await expect(inspectOnnxModel(nhwcGraph(), cfg({ dtype: "uint8" }, { kind: "scores" }), { fileName: "m.onnx" })).rejects.toThrow(/set layout to "nhwc"/);
    await expect(inspectOnnxModel(nhwcGraph(), cfg({ layout: "nhwc" }, { kind: "scores" }), { fileName: "m.onnx" })).rejects.toThrow(/takes uint8 but the config's dtype is "float32"/);
    const argmax = convGraph([[1, 0, 0], [0, 1, 0]], { tail: "argmax" });
    await expect(inspectOnnxModel(argmax, cfg({}, { kind: "scores" }), { fileName: "m.onnx" })).rejects.toThrow(/set output kind to "ids"/);
    const scores = convGraph([[1, 0, 0], [0, 1, 0], [0, 0, 1]], { size: [4, 4] });
    await expect(inspectOnnxModel(scores, cfg({ size: [4, 4] }, { kind: "scores" }), { fileName: "m.onnx", classCount: 5 })).rejects.toThrow(/3 score channels but the model version declares 5 classes/);
    await expect(inspectOnnxModel(scores, cfg({ size: [4, 4] }, { kind: "probability" }), { fileName: "m.onnx" })).rejects.toThrow(/"probability" needs one channel/);
    const sig = await inspectOnnxModel(argmax, ids, { fileName: "m.onnx" });
    expect(sig).toEqual({ inputs: [{ name: "x", type: "float32", dims: [1, 3, "H", "W"] }], outputs: [{ name: "y", type: "int64", dims: [1, "H", "W"] }] });
  });
  it("a symbolic score-channel axis with another count than the class list fails the image, naming it, in process and in a session's thread", async () => {
    // The channels are sliced to the input's height (min(H, 3)): no shape inference can know them before a run.
    const int64 = (name: string, v: number) => onnxProto.onnx.TensorProto.create({ name, dataType: ELEM.int64, dims: [1], int64Data: [v] });
    const model = encodeOnnxModel({
      nodes: [node("Conv", ["x", "w"], ["s"]), node("Shape", ["x"], ["h"], { start: 2, end: 3 }), node("Slice", ["s", "zero", "h", "one"], ["y"])],
      initializers: [floatTensor("w", [3, 3, 1, 1], [1, 0, 0, 0, 1, 0, 0, 0, 1]), int64("zero", 0), int64("one", 1)],
      inputs: [valueInfo("x", ELEM.float, [1, 3, "H", "W"])],
      outputs: [valueInfo("y", ELEM.float, [1, "C", "H", "W"])],
    });
    expect((await inspectOnnxModel(model, cfg({ ...raw }, { kind: "scores" }), { fileName: "m.onnx", classCount: 2 })).outputs[0].dims).toEqual([1, "C", "H", "W"]);
    const config = cfg({ ...raw, resize: "none", sizeMultiple: 1 }, { kind: "scores" });
    const image = await png(randomImage(4, 4, 7), 4, 4);
    for (const workers of [0, 1]) {
      const wrong = createOnnxRunner({ model, config, fileName: "m.onnx", workers, classCount: 2, readImage: async () => image });
      await expect(wrong.predict(sample(4, 4, "city-0002"))).rejects.toThrow(/^city-0002: .*3 score channels but the model version declares 2 classes/);
      await wrong.close();
      const right = createOnnxRunner({ model, config, fileName: "m.onnx", workers, classCount: 3, readImage: async () => image });
      expect((await right.predict(sample(4, 4))).data.length).toBe(16);
      await right.close();
    }
  });
  it("an undecodable image names the sample", async () => {
    const runner = createOnnxRunner({ model: convGraph([[1, 0, 0], [0, 1, 0]], { tail: "argmax" }), config: ids, fileName: "m.onnx", readImage: async () => new Uint8Array([1, 2, 3]) });
    await expect(runner.predict(sample(4, 4, "city-0001"))).rejects.toThrow(/^city-0001: the image could not be decoded/);
    await runner.close();
  });
});
