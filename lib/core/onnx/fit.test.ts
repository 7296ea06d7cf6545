import { describe, expect, it } from "vitest";
import { validateOnnxConfig, type OnnxFitConfig } from "./fit";

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
});
