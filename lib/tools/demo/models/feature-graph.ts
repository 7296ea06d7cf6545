import { floatTensor, node } from "@/lib/core/onnx/build-graph";

/** Which hand features a demo segmenter sees: colour only, + pixel position, + local context (pooled colour, texture, edges). */
export type FeatureSet = "colour" | "position" | "context";

type Nodes = ReturnType<typeof node>[];
type Inits = ReturnType<typeof floatTensor>[];

export interface FeatureGraph {
  nodes: Nodes;
  initializers: Inits;
  /** Name of the [1, channels, H, W] float tensor of raw features. */
  output: string;
  channels: number;
}

const LUMA = [0.299, 0.587, 0.114];
const SOBEL_X = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
const SOBEL_Y = [-1, -2, -1, 0, 0, 0, 1, 2, 1];

function avgPool(input: string, output: string, k: number) {
  const p = (k - 1) / 2;
  return node("AveragePool", [input], [output], { kernel_shape: [k, k], pads: [p, p, p, p], strides: [1, 1], count_include_pad: 0 });
}

/** Position channels for a fixed h x w input: y, x, y², x², x·y, |x − ½| (coordinates in [0, 1] at pixel centres). */
function positionPlanes(h: number, w: number): Float32Array {
  const n = h * w;
  const out = new Float32Array(6 * n);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const v = (y + 0.5) / h;
      const u = (x + 0.5) / w;
      out[i] = v;
      out[n + i] = u;
      out[2 * n + i] = v * v;
      out[3 * n + i] = u * u;
      out[4 * n + i] = u * v;
      out[5 * n + i] = Math.abs(u - 0.5);
    }
  }
  return out;
}

/**
 * The fixed (not learned) feature extractor of a demo segmenter as ONNX
 * nodes on input `x` ([1, 3, h, w], RGB in 0..1):
 * - colour: the 3 channels;
 * - position: + 6 coordinate planes (an initializer, so the input size is fixed);
 * - context: + 5x5 and 17x17 mean colour, 5x5 colour variance, |Sobel| of
 *   luma in x and y and their 9x9 means (edge density, i.e. texture).
 */
export function featureGraph(set: FeatureSet, h: number, w: number): FeatureGraph {
  const nodes: Nodes = [];
  const initializers: Inits = [];
  const parts = ["x"];
  let channels = 3;
  if (set !== "colour") {
    initializers.push(floatTensor("pos", [1, 6, h, w], positionPlanes(h, w)));
    parts.push("pos");
    channels += 6;
  }
  if (set === "context") {
    const sobel = new Float32Array(2 * 3 * 9);
    for (let c = 0; c < 3; c++) {
      for (let k = 0; k < 9; k++) {
        sobel[c * 9 + k] = LUMA[c] * SOBEL_X[k];
        sobel[27 + c * 9 + k] = LUMA[c] * SOBEL_Y[k];
      }
    }
    initializers.push(floatTensor("sobel_w", [2, 3, 3, 3], sobel));
    nodes.push(
      avgPool("x", "mean5", 5),
      avgPool("x", "mean17", 17),
      node("Mul", ["x", "x"], ["sq"]),
      avgPool("sq", "sq5", 5),
      node("Mul", ["mean5", "mean5"], ["mean5sq"]),
      node("Sub", ["sq5", "mean5sq"], ["var5"]),
      node("Conv", ["x", "sobel_w"], ["grad"], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }),
      node("Abs", ["grad"], ["edges"]),
      avgPool("edges", "edges9", 9),
    );
    parts.push("mean5", "mean17", "var5", "edges", "edges9");
    channels += 3 + 3 + 3 + 2 + 2;
  }
  nodes.push(node("Concat", parts, ["raw"], { axis: 1 }));
  return { nodes, initializers, output: "raw", channels };
}
