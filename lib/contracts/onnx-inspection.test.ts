import { describe, expect, it } from "vitest";
import { onnxConfigSchema } from "./onnx-config";
import { validateOnnxConfig } from "@/lib/core/onnx/fit";
import { preprocessingProblem } from "./onnx-inspection";

const sig = (channels: number) => ({
  inputs: [{ name: "x", type: "float32", dims: [1, 3, "H", "W"] }],
  outputs: [{ name: "y", type: "float32", dims: [1, channels, "H", "W"] }],
});

describe("preprocessingProblem (the inspect route's and the web form's one check)", () => {
  it("is null when the config fits", () => {
    expect(preprocessingProblem(sig(3), { output: { kind: "scores" } }, { fileName: "m.onnx", classCount: 3 })).toBeNull();
  });

  it("checks the defaults when no config is given", () => {
    expect(preprocessingProblem(sig(3), undefined, { fileName: "m.onnx" })).toBeNull();
    expect(preprocessingProblem(sig(1), undefined, { fileName: "m.onnx" })).toBe(
      'm.onnx: output y: float32 [1, 1, H, W]: "scores" needs one channel per class but the model gives 1; use "probability" for a binary model.',
    );
  });

  it("names the field of a config that is not valid", () => {
    expect(preprocessingProblem(sig(3), { input: { layout: "chw" } }, { fileName: "m.onnx" })).toMatch(/^The preprocessing config is not valid: input\.layout: /);
  });

  it("says what validateOnnxConfig says when the config does not fit", () => {
    const nhwc = { input: { layout: "nhwc" }, output: { kind: "scores" } };
    const message = (() => {
      try {
        validateOnnxConfig(sig(3), onnxConfigSchema.parse(nhwc), { fileName: "m.onnx" });
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/set layout to "nchw"/);
    expect(preprocessingProblem(sig(3), nhwc, { fileName: "m.onnx" })).toBe(message);
  });
});

describe("ids output fit", () => {
  const out = (dims: (number | string)[]) => ({ inputs: [{ name: "x", type: "float32", dims: [1, 3, "H", "W"] }], outputs: [{ name: "y", type: "float32", dims }] });
  const ids = { output: { kind: "ids" } };
  it("refuses a score-shaped output with symbolic height and width", () => {
    expect(preprocessingProblem(out([1, 11, "height", "width"]), ids, { fileName: "m.onnx" })).toMatch(/a class-id map has one channel; for one channel per class set output kind to "scores"/);
  });
  it("accepts id maps of either layout and symbolic channels", () => {
    for (const dims of [[1, 1, "H", "W"], [1, "H", "W"], [1, 512, 512, 1], [1, "C", "H", "W"]]) expect(preprocessingProblem(out(dims), ids, { fileName: "m.onnx" })).toBeNull();
  });
  it("refuses unknown keys by name instead of using defaults", () => {
    expect(preprocessingProblem(out([1, 1, "H", "W"]), { input: { stdev: [1, 1, 1] }, outptu: { kind: "ids" } }, { fileName: "m.onnx" })).toBe(
      'The preprocessing config is not valid: input: Unrecognized key: "stdev"; Unrecognized key: "outptu"',
    );
  });
});
