import { describe, expect, it } from "vitest";
import { ELEM, encodeOnnxModel, floatTensor, node, valueInfo } from "@/lib/core/onnx/build-graph";
import { loadServerKernels } from "@/lib/server/wasm-kernels";
import { openSessionWorker } from "./session-worker";

/** Conv 1x1 with `weights` ([c][3]) on x [1, 3, H, W]: c score planes. */
function scores(weights: number[][]) {
  const c = weights.length;
  return encodeOnnxModel({
    nodes: [node("Conv", ["x", "w"], ["y"])],
    initializers: [floatTensor("w", [c, 3, 1, 1], weights.flat())],
    inputs: [valueInfo("x", ELEM.float, [1, 3, "H", "W"])],
    outputs: [valueInfo("y", ELEM.float, [1, c, "H", "W"])],
  });
}

/** A 1x3x2x2 input whose pixel i has channel values `px[i]`. */
function input(px: [number, number, number][]) {
  const data = new Float32Array(12);
  px.forEach((v, i) => v.forEach((x, c) => (data[c * 4 + i] = x)));
  return { type: "float32", data, dims: [1, 3, 2, 2] };
}

const px: [number, number, number][] = [[5, 1, 0], [0, 5, 1], [1, 0, 5], [2, 2, 9]];

describe("inference threads", () => {
  it("a closed session's thread serves the next model, which starts with nothing of the last one", async () => {
    loadServerKernels();
    // Model A: 3 score planes (argmax = the largest channel); B: 2 planes, the first two swapped. Two runs of A teach
    // the thread A's score shape for this input; B's labels and dims must be B's own.
    const a = await openSessionWorker(scores([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), { fileName: "a.onnx", threads: 1 });
    for (let k = 0; k < 2; k++) {
      const out = await a.run(input(px), "x", "y", { argmax: true });
      expect(out.argmax).toBe(true);
      expect(Array.from(out.data as Uint8Array)).toEqual([0, 1, 2, 2]);
    }
    await a.close();
    const b = await openSessionWorker(scores([[0, 1, 0], [1, 0, 0]]), { fileName: "b.onnx", threads: 1 });
    try {
      expect(b.threadId).toBe(a.threadId);
      for (let k = 0; k < 2; k++) {
        const out = await b.run(input(px), "x", "y", { argmax: true });
        expect(out.dims).toEqual([1, 2, 2]);
        expect(Array.from(out.data as Uint8Array)).toEqual([1, 0, 1, 0]);
      }
    } finally {
      await b.close();
    }
  });

  it("sessions open at once get threads of their own; a model that fails to load leaves its thread usable", async () => {
    const [a, b] = await Promise.all([1, 2].map(() => openSessionWorker(scores([[1, 0, 0], [0, 1, 0]]), { fileName: "m.onnx", threads: 1 })));
    expect(a.threadId).not.toBe(b.threadId);
    await Promise.all([a.close(), b.close()]);
    await expect(openSessionWorker(new TextEncoder().encode("not a model"), { fileName: "bad.onnx", threads: 1 })).rejects.toThrow(/^bad\.onnx: not a loadable ONNX model/);
    const c = await openSessionWorker(scores([[1, 0, 0], [0, 1, 0]]), { fileName: "m.onnx", threads: 1 });
    try {
      expect([a.threadId, b.threadId]).toContain(c.threadId);
      expect(Array.from((await c.run(input(px), "x", "y", { argmax: true })).data as Uint8Array)).toEqual([0, 1, 0, 0]);
    } finally {
      await c.close();
    }
    await expect(c.run(input(px), "x", "y")).rejects.toThrow(/closed/);
  });
});
