import { describe, expect, it } from "vitest";
import { outputGrid } from "@/lib/core/preprocess/to-label-map";
import { onnxFitProblem, validateOnnxConfig, type OnnxFitConfig } from "./fit";

const sig = (channels: number) => ({
  inputs: [{ name: "x", type: "float32", dims: [1, 3, "H", "W"] }],
  outputs: [{ name: "y", type: "float32", dims: [1, channels, "H", "W"] }],
});
const config: OnnxFitConfig = { input: { layout: "nchw", size: null, sizeMultiple: 32, dtype: "float32" }, output: { kind: "scores" } };

describe("validateOnnxConfig score channels vs classes", () => {
  it("says 1 class in the singular", () => {
    expect(() => validateOnnxConfig(sig(3), config, { fileName: "m.onnx", classCount: 1 })).toThrow(
      "m.onnx: output y: float32 [1, 3, H, W] has 3 score channels but the model version declares 1 class.",
    );
  });

  it("says N classes in the plural", () => {
    expect(() => validateOnnxConfig(sig(3), config, { fileName: "m.onnx", classCount: 5 })).toThrow(/declares 5 classes\.$/);
  });

  it("passes when the counts agree", () => {
    expect(validateOnnxConfig(sig(3), config, { fileName: "m.onnx", classCount: 3 })).toEqual({ inputName: "x", outputName: "y" });
  });

  it("an NCHW-input model answering [1, H, W, C]: refused with the output layout to set, accepted with it", () => {
    const nhwcOut = { inputs: sig(3).inputs, outputs: [{ name: "y", type: "float32", dims: [1, 64, 64, 11] }] };
    expect(() => validateOnnxConfig(nhwcOut, config, { fileName: "m.onnx", classCount: 11 })).toThrow(
      'm.onnx: output y: float32 [1, 64, 64, 11] has 64 score channels but the model version declares 11 classes; the output looks nhwc ([1, H, W, C]): set the output layout to "nhwc".',
    );
    const nhwc: OnnxFitConfig = { ...config, output: { kind: "scores", layout: "nhwc" } };
    expect(validateOnnxConfig(nhwcOut, nhwc, { fileName: "m.onnx", classCount: 11 })).toEqual({ inputName: "x", outputName: "y" });
    // The output layout is the one that counts: NCHW scores declared NHWC are refused.
    const nchwOut = { inputs: sig(3).inputs, outputs: [{ name: "y", type: "float32", dims: [1, 11, 64, 64] }] };
    expect(() => validateOnnxConfig(nchwOut, nhwc, { fileName: "m.onnx", classCount: 11 })).toThrow(/has 64 score channels .*set the output layout to "nchw"\.$/);
  });
});

describe("validateOnnxConfig single-channel outputs agree with the runner (outputGrid)", () => {
  const withOutput = (dims: (number | string)[], type: string, layout: "nchw" | "nhwc") => ({
    inputs: [{ name: "x", type: "float32", dims: layout === "nchw" ? [1, 3, "H", "W"] : [1, "H", "W", 3] }],
    outputs: [{ name: "y", type, dims }],
  });
  const cases: { dims: number[]; layout: "nchw" | "nhwc"; kind: "probability" | "ids" | "scores" }[] = [
    { dims: [8, 8], layout: "nchw", kind: "scores" },
    { dims: [8, 8], layout: "nchw", kind: "probability" },
    { dims: [1, 1, 8, 8], layout: "nchw", kind: "probability" },
    { dims: [1, 8, 8, 1], layout: "nchw", kind: "probability" },
    { dims: [1, 8, 8, 1], layout: "nhwc", kind: "probability" },
    { dims: [1, 1, 8, 8], layout: "nhwc", kind: "probability" },
    { dims: [1, 8, 8], layout: "nchw", kind: "probability" },
    { dims: [8, 8, 1], layout: "nhwc", kind: "probability" },
    { dims: [2, 8, 8], layout: "nchw", kind: "probability" },
    { dims: [1, 2, 8, 8], layout: "nchw", kind: "probability" },
    { dims: [2, 8, 8], layout: "nchw", kind: "ids" },
    { dims: [1, 8, 8], layout: "nchw", kind: "ids" },
    { dims: [1, 3, 8, 8], layout: "nchw", kind: "ids" },
  ];
  it.each(cases)("$kind $dims ($layout): accepted at creation exactly when a run can read it", ({ dims, layout, kind }) => {
    const cfg: OnnxFitConfig = { input: { layout, size: null, sizeMultiple: 32, dtype: "float32" }, output: { kind } };
    let readable = true;
    try {
      outputGrid(dims, kind, layout);
    } catch {
      readable = false;
    }
    const problem = onnxFitProblem(withOutput(dims, kind === "ids" ? "int64" : "float32", layout), cfg, { fileName: "m.onnx" });
    expect(problem === null).toBe(readable);
  });
});
