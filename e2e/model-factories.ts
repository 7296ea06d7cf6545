import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ELEM, encodeOnnxModel, floatTensor, node, valueInfo } from "../lib/core/onnx/build-graph";

/**
 * Writes a small real segmentation model: a 1x1 convolution from RGB to one
 * score channel per class (class k scores highest where the pixel's colour is
 * closest to `colors[k]`), input float32 [1, 3, H, W] in 0..1, output scores
 * [1, K, H, W] (H and W fixed to `size` when given, else dynamic). Returns
 * the .onnx file's path.
 */
export function writeColourOnnxModel(colors: readonly (readonly [number, number, number])[], name = "colour-model.onnx", size?: readonly [number, number]): string {
  const [h, w] = size ?? ["height", "width"];
  const k = colors.length;
  // score_k = 2 c_k · x - |c_k|^2 (argmax = nearest colour), colours scaled to 0..1
  const weights = colors.flatMap((c) => c.map((v) => (2 * v) / 255));
  const bias = colors.map((c) => -c.reduce((s, v) => s + (v / 255) ** 2, 0));
  const bytes = encodeOnnxModel({
    nodes: [node("Conv", ["image", "w", "b"], ["scores"], { kernel_shape: [1, 1] })],
    initializers: [floatTensor("w", [k, 3, 1, 1], weights), floatTensor("b", [k], bias)],
    inputs: [valueInfo("image", ELEM.float, [1, 3, h, w])],
    outputs: [valueInfo("scores", ELEM.float, [1, k, h, w])],
  });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "intersect-e2e-onnx-")), name);
  writeFileSync(file, bytes);
  return file;
}
