import { mulberry32 } from "@/lib/core/metrics";
import { ELEM, encodeOnnxModel, floatTensor, node, valueInfo } from "@/lib/core/onnx/build-graph";

/** One layer of the generated encoder-decoder: a 3x3 conv (stride 1 or 2) or a 2x2 stride-2 transposed conv. */
interface Layer {
  op: "conv3" | "conv3s2" | "up2" | "conv1";
  out: number;
}

/** Encoder 3->32->64->128 (stride 8), a 128 block, decoder with two ConvTranspose x2, classifier at 1/2, ConvTranspose x2 to full size. */
const LAYERS: Layer[] = [
  { op: "conv3s2", out: 32 },
  { op: "conv3s2", out: 64 },
  { op: "conv3s2", out: 128 },
  { op: "conv3", out: 128 },
  { op: "up2", out: 64 },
  { op: "conv3", out: 64 },
  { op: "up2", out: 32 },
  { op: "conv3", out: 32 },
  { op: "conv1", out: 0 }, // classifier: numClasses
  { op: "up2", out: 0 }, // logits to full size
];

/**
 * A random-weight encoder-decoder segmenter of realistic cost (~5.5 GFLOPs,
 * counted as 2 x multiply-adds, per 512x512 image) for timing: input
 * float32 [1, 3, H, W] with H, W multiples of 8, output float32 scores
 * [1, numClasses, H, W]. Weights are small (He-like scale) so activations
 * stay finite. The transposed convolutions use one weight for all four
 * kernel positions (same cost): random sub-kernels would make the argmax a
 * per-pixel checkerboard (87% of neighbours differing), which no trained
 * model gives and which would time boundary IoU and PNG storage on noise;
 * with it about 8% of neighbours differ.
 */
export function encoderDecoderModel(numClasses: number, seed = 1): { bytes: Uint8Array; gflopsPer512: number } {
  const rand = mulberry32(seed);
  const nodes = [];
  const inits = [];
  let inC = 3;
  let cur = "x";
  let side = 512;
  let macs = 0;
  for (const [i, layer] of LAYERS.entries()) {
    const out = layer.out || numClasses;
    const k = layer.op === "conv1" ? 1 : layer.op === "up2" ? 2 : 3;
    const w = `w${i}`;
    const b = `b${i}`;
    const wDims = layer.op === "up2" ? [inC, out, k, k] : [out, inC, k, k];
    const fanIn = inC * k * k;
    const weights = Float32Array.from({ length: inC * out * k * k }, () => ((rand() / 2 ** 32) * 2 - 1) * Math.sqrt(3 / fanIn));
    // Upsampling: the same weights at the four kernel positions (nearest neighbour, then a channel mix), so the
    // output has regions, as a trained model's does, instead of a per-pixel checkerboard of random sub-kernels.
    if (layer.op === "up2") for (let w0 = 0; w0 < weights.length; w0 += 4) weights.fill(weights[w0], w0 + 1, w0 + 4);
    inits.push(floatTensor(w, wDims, weights), floatTensor(b, [out], new Float32Array(out)));
    const y = `h${i}`;
    if (layer.op === "up2") {
      nodes.push(node("ConvTranspose", [cur, w, b], [y], { kernel_shape: [2, 2], strides: [2, 2] }));
      side *= 2;
      macs += side * side * out * inC;
    } else {
      const stride = layer.op === "conv3s2" ? 2 : 1;
      const pad = k === 3 ? 1 : 0;
      nodes.push(node("Conv", [cur, w, b], [y], { kernel_shape: [k, k], strides: [stride, stride], pads: [pad, pad, pad, pad] }));
      side /= stride;
      macs += side * side * out * inC * k * k;
    }
    cur = y;
    if (layer.op !== "conv1" && i < LAYERS.length - 1) {
      nodes.push(node("Relu", [cur], [`r${i}`]));
      cur = `r${i}`;
    }
    inC = out;
  }
  nodes[nodes.length - 1].output = ["scores"];
  const bytes = encodeOnnxModel({
    nodes,
    initializers: inits,
    inputs: [valueInfo("x", ELEM.float, [1, 3, "H", "W"])],
    outputs: [valueInfo("scores", ELEM.float, [1, numClasses, "H", "W"])],
  });
  return { bytes, gflopsPer512: (2 * macs) / 1e9 };
}
