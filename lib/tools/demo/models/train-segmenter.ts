import * as ort from "onnxruntime-node";
import type { OnnxConfig } from "@/lib/contracts/onnx-config";
import { planInput, toInputTensor } from "@/lib/core/preprocess";
import { ELEM, encodeOnnxModel, floatTensor, node, valueInfo } from "@/lib/core/onnx/build-graph";
import type { DemoScene } from "../classes";
import { mixSeed, mulberry32, type Rng } from "../prng";
import { featureGraph, type FeatureSet } from "./feature-graph";
import { NormalEquations } from "./least-squares";

/** The preprocessing config of every demo segmenter: stretch to a fixed size, RGB scaled to 0..1, no mean/std. */
export function demoOnnxConfig(size: [number, number]): OnnxConfig {
  return {
    input: { layout: "nchw", size, sizeMultiple: 1, resize: "stretch", channels: "rgb", dtype: "float32", scale: 1 / 255, mean: [0, 0, 0], std: [1, 1, 1] },
    output: { kind: "scores", threshold: 0.5 },
  };
}

/** A training image as the model sees it: the runner's own preprocessing, and the ground truth sampled (nearest) at the tensor's pixels. */
export interface TrainingExample {
  input: Float32Array;
  target: Uint8Array;
}

/** Preprocesses scenes exactly as the onnx runner will (same core code), targets by nearest neighbour at pixel centres. */
export function toTrainingExamples(scenes: readonly DemoScene[], size: [number, number]): TrainingExample[] {
  const { input: spec } = demoOnnxConfig(size);
  const [h, w] = size;
  return scenes.map((s) => {
    const plan = planInput(spec, s.width, s.height);
    const tensor = toInputTensor({ data: s.image, width: s.width, height: s.height, channels: 3 }, spec, plan);
    const target = new Uint8Array(h * w);
    for (let y = 0; y < h; y++) {
      const sy = Math.floor(((y + 0.5) * s.height) / h);
      for (let x = 0; x < w; x++) target[y * w + x] = s.mask[sy * s.width + Math.floor(((x + 0.5) * s.width) / w)];
    }
    return { input: tensor.data as Float32Array, target };
  });
}

export interface SegmenterSpec {
  features: FeatureSet;
  /** Random ReLU units on the standardised features (a fixed hidden layer; only the readout is fitted). */
  hidden: number;
  size: [number, number];
  classes: number;
  seed: number;
  /** Training pixels drawn per image (classes share them by the square root of their pixel counts). */
  samplesPerImage: number;
}

async function runFeatures(bytes: Uint8Array, examples: readonly TrainingExample[], size: [number, number], each: (feat: Float32Array, ex: TrainingExample) => void) {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: "all" });
  try {
    for (const ex of examples) {
      const out = await session.run({ x: new ort.Tensor("float32", ex.input, [1, 3, size[0], size[1]]) });
      each(out[session.outputNames[0]].data as Float32Array, ex);
    }
  } finally {
    await session.release();
  }
}

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** Pixel indices to train on: per class present, a share ∝ sqrt(pixel count) of `total` (void and unknown labels skipped). */
function samplePixels(target: Uint8Array, classes: number, total: number, rng: Rng): { pixel: number; label: number }[] {
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < target.length; i++) if (target[i] < classes) byClass[target[i]].push(i);
  const weight = byClass.map((l) => Math.sqrt(l.length));
  const sum = weight.reduce((a, b) => a + b, 0);
  const out: { pixel: number; label: number }[] = [];
  byClass.forEach((list, label) => {
    const k = Math.min(list.length, Math.round((total * weight[label]) / sum));
    for (let j = 0; j < k; j++) out.push({ pixel: list[Math.floor(rng() * list.length)], label });
  });
  return out;
}

/**
 * Fits one demo segmenter and returns its .onnx bytes: fixed features
 * (`featureGraph`), standardised with training statistics and expanded by
 * a seeded random ReLU layer, then a 1x1 linear readout (scores per class)
 * fitted by ridge least squares to one-hot targets on sampled training
 * pixels. Features are computed by onnxruntime on the very graph that is
 * exported, so training and inference see identical numbers.
 */
export async function trainSegmenter(examples: readonly TrainingExample[], spec: SegmenterSpec): Promise<Uint8Array> {
  const [h, w] = spec.size;
  const n = h * w;
  const base = featureGraph(spec.features, h, w);
  const io = { inputs: [valueInfo("x", ELEM.float, [1, 3, h, w])] };
  const raw = base.channels;

  // 1. Per-channel mean and std of the raw features on a few images.
  const sum = new Float64Array(raw);
  const sq = new Float64Array(raw);
  const statImages = examples.slice(0, Math.min(12, examples.length));
  const rawModel = encodeOnnxModel({ ...base, ...io, outputs: [valueInfo(base.output, ELEM.float, [1, raw, h, w])] });
  await runFeatures(rawModel, statImages, spec.size, (f) => {
    for (let c = 0; c < raw; c++) {
      for (let i = c * n; i < (c + 1) * n; i += 7) {
        sum[c] += f[i];
        sq[c] += f[i] * f[i];
      }
    }
  });
  const count = statImages.length * Math.ceil(n / 7);
  const mean = Array.from(sum, (s) => s / count);
  const std = Array.from(sq, (s, c) => Math.sqrt(Math.max(s / count - mean[c] ** 2, 1e-8)));

  // 2. A seeded random ReLU layer on the standardised features (standardisation folded into its weights).
  const rng = mulberry32(mixSeed("demo-segmenter", spec.seed, spec.features));
  const hw = new Float32Array(spec.hidden * raw);
  const hb = new Float32Array(spec.hidden);
  for (let u = 0; u < spec.hidden; u++) {
    let b = (rng() * 2 - 1) * 1.0;
    for (let c = 0; c < raw; c++) {
      const g = gaussian(rng) / Math.sqrt(raw) / std[c];
      hw[u * raw + c] = g;
      b -= g * mean[c];
    }
    hb[u] = b;
  }
  const feats = raw + spec.hidden;
  const hiddenNodes = [
    node("Conv", [base.output, "hidden_w", "hidden_b"], ["hidden_pre"], { kernel_shape: [1, 1] }),
    node("Relu", ["hidden_pre"], ["hidden"]),
    node("Concat", [base.output, "hidden"], ["features"], { axis: 1 }),
  ];
  const hiddenInits = [floatTensor("hidden_w", [spec.hidden, raw, 1, 1], hw), floatTensor("hidden_b", [spec.hidden], hb)];
  const featureModel = encodeOnnxModel({
    nodes: [...base.nodes, ...hiddenNodes],
    initializers: [...base.initializers, ...hiddenInits],
    ...io,
    outputs: [valueInfo("features", ELEM.float, [1, feats, h, w])],
  });

  // 3. Least-squares readout on sampled pixels.
  const eq = new NormalEquations(feats, spec.classes);
  await runFeatures(featureModel, examples, spec.size, (f, ex) => {
    for (const { pixel, label } of samplePixels(ex.target, spec.classes, spec.samplesPerImage, rng)) eq.add((j) => f[j * n + pixel], label);
  });
  const readout = eq.solve();
  return encodeOnnxModel({
    nodes: [...base.nodes, ...hiddenNodes, node("Conv", ["features", "readout_w", "readout_b"], ["scores"], { kernel_shape: [1, 1] })],
    initializers: [...base.initializers, ...hiddenInits, floatTensor("readout_w", [spec.classes, feats, 1, 1], readout.weights), floatTensor("readout_b", [spec.classes], readout.bias)],
    ...io,
    outputs: [valueInfo("scores", ELEM.float, [1, spec.classes, h, w])],
  });
}
