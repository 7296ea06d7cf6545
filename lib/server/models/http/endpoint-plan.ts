import "server-only";
import { AppError } from "@/lib/core/errors";
import type { OnnxConfig } from "@/lib/contracts/onnx-config";
import { outputLayoutOf, scoreChannelsProblem, scoresLayoutByShape, type InputSpec, type OutputSpec } from "@/lib/core/preprocess";
import { validateOnnxConfig, type ModelSignature } from "@/lib/core/onnx/fit";
import type { ModelMetadata, OipDatatype } from "./oip-codec";

const TYPE_NAMES: Record<string, string> = {
  FP32: "float32", FP64: "float64", FP16: "float16", UINT8: "uint8", INT8: "int8", UINT16: "uint16", INT16: "int16",
  UINT32: "uint32", INT32: "int32", UINT64: "uint64", INT64: "int64", BOOL: "bool", BYTES: "string",
};

/** The endpoint's metadata in the same shape as an ONNX file's signature (-1 shows as "?"). */
export function metadataToSignature(meta: ModelMetadata): ModelSignature {
  const conv = (t: ModelMetadata["inputs"][number]) => ({
    name: t.name,
    type: TYPE_NAMES[t.datatype] ?? t.datatype,
    dims: t.shape.map((d) => (d < 0 ? "?" : d)),
  });
  return { inputs: meta.inputs.map(conv), outputs: meta.outputs.map(conv) };
}

/** How a runner talks to one endpoint: which tensors, what it sends, how it reads the answer. */
export interface EndpointPlan {
  inputName: string;
  outputName: string;
  datatype: Extract<OipDatatype, "UINT8" | "FP32">;
  /** False when the endpoint's input has no batch dimension (rank 3): the leading 1 is dropped. */
  batch: boolean;
  input: InputSpec;
  output: OutputSpec;
  /**
   * Where the output's channel axis is: the config's (output layout, else
   * the input's); without a config, read from the output's metadata shape
   * (scoresLayoutByShape), the input's layout when that cannot tell.
   */
  outputLayout: InputSpec["layout"];
  /** True when a config fixes outputLayout; otherwise each answer's shape may settle it (the runner asks scoresLayoutByShape). */
  outputLayoutDeclared: boolean;
}

const fixed = (d: number | undefined): d is number => typeof d === "number" && d > 0;

/**
 * Decides how to feed an endpoint. With a preprocessing config it is checked
 * like an ONNX file's (same messages). Without one, each image goes at its
 * own size in the datatype and layout the metadata declares: UINT8 raw
 * 0..255, FP32 0..1; the layout is where the 3 is (NHWC by default for UINT8,
 * NCHW for FP32); a fixed spatial size is honoured by stretching. The output
 * is ids for integer datatypes, probability for one float channel, else
 * scores, their channel axis where the output's shape puts it.
 */
export function planEndpoint(meta: ModelMetadata, preprocess: OnnxConfig | undefined, name: string, classCount?: number): EndpointPlan {
  const fail = (problem: string): never => {
    throw new AppError("invalid_input", `${name}: ${problem}`, { fieldErrors: { config: [problem] } });
  };
  if (meta.inputs.length !== 1) fail(`the model has ${meta.inputs.length} inputs; Intersect sends exactly one image tensor.`);
  if (meta.outputs.length === 0) fail("the model declares no outputs.");
  const [input] = meta.inputs;
  const [output] = meta.outputs;
  if (input.datatype !== "UINT8" && input.datatype !== "FP32") fail(`input "${input.name}" is ${input.datatype}; Intersect sends UINT8 or FP32 images.`);
  const datatype = input.datatype as "UINT8" | "FP32";
  const rank = input.shape.length;
  if (rank !== 3 && rank !== 4) fail(`input "${input.name}" has shape [${input.shape.join(", ")}]; an image is [1, 3, H, W], [1, H, W, 3] or without the batch.`);
  const shape = rank === 4 ? input.shape : [1, ...input.shape];
  if (preprocess) {
    const sig = metadataToSignature({ ...meta, inputs: [{ ...input, shape }] });
    validateOnnxConfig(sig, preprocess, { fileName: name, classCount });
    return { inputName: input.name, outputName: output.name, datatype, batch: rank === 4, input: preprocess.input, output: preprocess.output, outputLayout: outputLayoutOf(preprocess), outputLayoutDeclared: true };
  }
  const layout = shape[3] === 3 ? "nhwc" : shape[1] === 3 ? "nchw" : datatype === "UINT8" ? "nhwc" : "nchw";
  const [h, w] = layout === "nchw" ? [shape[2], shape[3]] : [shape[1], shape[2]];
  const size: [number, number] | null = fixed(h) && fixed(w) ? [h, w] : null;
  const inputSpec: InputSpec = {
    layout,
    size,
    sizeMultiple: 1,
    resize: size ? "stretch" : "none",
    channels: "rgb",
    dtype: datatype === "UINT8" ? "uint8" : "float32",
    scale: 1 / 255,
    mean: [0, 0, 0],
    std: [1, 1, 1],
  };
  const integer = /^U?INT/.test(output.datatype);
  if (!integer && !/^FP(32|64)$/.test(output.datatype)) fail(`output "${output.name}" is ${output.datatype}; Intersect reads class ids (integers) or scores (FP32/FP64).`);
  const outRank = output.shape.length;
  const outputLayout = integer ? layout : scoresLayoutByShape(output.shape, layout, { height: size?.[0] ?? NaN, width: size?.[1] ?? NaN }, classCount);
  const channels = outRank === 4 ? output.shape[outputLayout === "nchw" ? 1 : 3] : outRank === 3 && !integer ? (outputLayout === "nchw" ? output.shape[0] : output.shape[2]) : 0;
  // A float map without a channel axis ([H, W]) is one probability per pixel.
  const kind = integer ? "ids" : channels === 1 || outRank === 2 ? "probability" : "scores";
  // A fixed channel count that is not the class list's is refused now (when the version is created), not on every image of a run.
  const channelProblem = kind === "scores" && channels > 0 ? scoreChannelsProblem(channels, classCount) : null;
  if (channelProblem) fail(channelProblem);
  return { inputName: input.name, outputName: output.name, datatype, batch: rank === 4, input: inputSpec, output: { kind, threshold: 0.5 }, outputLayout, outputLayoutDeclared: false };
}
