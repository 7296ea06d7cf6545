import { plural } from "../charts/score-format";
import { AppError } from "../errors";
import { outputLayoutOf } from "../preprocess/types";

/** One input or output of a model as the file declares it; a symbolic dimension is its name (e.g. "height"), an unknown one "?". */
export interface TensorSignature {
  name: string;
  /** onnxruntime's element type name: float32, uint8, int64, float16, … ("non-tensor" for maps/sequences). */
  type: string;
  dims: (number | string)[];
}

/** What a model takes and returns, for display and for checking a preprocessing config. */
export interface ModelSignature {
  inputs: TensorSignature[];
  outputs: TensorSignature[];
}

/** Formats a signature entry for messages and display: `x: float32 [1, 3, H, W]`. */
export function formatTensorSignature(t: TensorSignature): string {
  return `${t.name}: ${t.type} [${t.dims.join(", ")}]`;
}

/**
 * The part of a preprocessing config (lib/contracts/onnx-config) that decides
 * whether it fits a model; the contract's parsed OnnxConfig is one.
 */
export interface OnnxFitConfig {
  input: { layout: "nchw" | "nhwc"; size: [number, number] | null; sizeMultiple: number; dtype: string };
  output: { kind: "ids" | "scores" | "probability"; layout?: "nchw" | "nhwc" };
}

const INT_TYPES = new Set(["int64", "int32", "int16", "int8", "uint64", "uint32", "uint16", "uint8"]);
const FLOAT_TYPES = new Set(["float32", "float64"]);

/** The tensors a runner feeds and reads, once a config is known to fit. */
export interface OnnxBinding {
  inputName: string;
  outputName: string;
}

export interface ValidateOnnxOptions {
  fileName: string;
  /** Length of the model version's class list; checked against a fixed score-channel count. */
  classCount?: number;
}

const fixed = (d: number | string | undefined): d is number => typeof d === "number" && d > 0;

/**
 * Checks a preprocessing config against a model's signature before a version
 * is created: one tensor input of rank 4 whose dtype matches, 3 channels where
 * the layout puts them, batch 1, a fixed spatial size equal to `size`; the
 * first output's type and rank fit the output kind (and a fixed score-channel
 * count equals the class count). Every failure is AppError("invalid_input")
 * naming the file, the tensor and the fix. Returns the tensor names to use.
 * Pure, so the web form checks the fit in the browser from a signature read
 * once, with the server's own wording.
 */
export function validateOnnxConfig(sig: ModelSignature, config: OnnxFitConfig, opts: ValidateOnnxOptions): OnnxBinding {
  const fail = (problem: string): never => {
    throw new AppError("invalid_input", `${opts.fileName}: ${problem}`);
  };
  if (sig.inputs.length !== 1) {
    fail(`the model has ${sig.inputs.length} inputs (${sig.inputs.map((t) => t.name).join(", ") || "none"}); Intersect feeds exactly one image tensor.`);
  }
  if (sig.outputs.length === 0) fail("the model has no outputs.");
  const input = sig.inputs[0];
  const output = sig.outputs[0];
  checkInput(input, config, fail);
  checkOutput(output, config, opts.classCount, fail);
  return { inputName: input.name, outputName: output.name };
}

function checkInput(input: TensorSignature, config: OnnxFitConfig, fail: (p: string) => never): void {
  const c = config.input;
  const shown = formatTensorSignature(input);
  if (input.type !== c.dtype) {
    fail(`input ${shown} takes ${input.type} but the config's dtype is "${c.dtype}"${input.type === "float32" || input.type === "uint8" ? `; set dtype to "${input.type}"` : ""}.`);
  }
  if (input.dims.length !== 4) fail(`input ${shown} has rank ${input.dims.length}; an image input is [1, 3, H, W] (nchw) or [1, H, W, 3] (nhwc).`);
  const [n] = input.dims;
  if (fixed(n) && n !== 1) fail(`input ${shown} has a fixed batch size of ${n}; Intersect sends one image at a time (batch 1).`);
  const channelAt = c.layout === "nchw" ? 1 : 3;
  const other = c.layout === "nchw" ? 3 : 1;
  const ch = input.dims[channelAt];
  if (fixed(ch) && ch !== 3) {
    const hint = input.dims[other] === 3 ? `; the model looks ${c.layout === "nchw" ? "nhwc" : "nchw"}: set layout to "${c.layout === "nchw" ? "nhwc" : "nchw"}"` : "";
    fail(`input ${shown} has ${ch} channels at position ${channelAt} (layout "${c.layout}"); Intersect feeds 3 (RGB/BGR)${hint}.`);
  }
  if (!fixed(ch) && input.dims[other] === 3) {
    fail(`input ${shown} has 3 at position ${other}, not at position ${channelAt} where layout "${c.layout}" puts the channels; set layout to "${c.layout === "nchw" ? "nhwc" : "nchw"}".`);
  }
  const [h, w] = c.layout === "nchw" ? [input.dims[2], input.dims[3]] : [input.dims[1], input.dims[2]];
  if (fixed(h) || fixed(w)) {
    if (c.size === null) {
      fail(`input ${shown} takes a fixed size${fixed(h) && fixed(w) ? ` of ${h}x${w} (height x width)` : ""} but the config's size is null; set size to [${fixed(h) ? h : "h"}, ${fixed(w) ? w : "w"}].`);
    }
    const [sh, sw] = c.size;
    if ((fixed(h) && h !== sh) || (fixed(w) && w !== sw)) {
      fail(`input ${shown} takes ${fixed(h) ? h : "any"} x ${fixed(w) ? w : "any"} (height x width) but the config's size is [${sh}, ${sw}].`);
    }
  } else if (c.size === null && c.sizeMultiple < 1) {
    fail("sizeMultiple must be at least 1.");
  }
}

function checkOutput(output: TensorSignature, config: OnnxFitConfig, classCount: number | undefined, fail: (p: string) => never): void {
  const { kind } = config.output;
  const layout = outputLayoutOf(config);
  const shown = formatTensorSignature(output);
  const rank = output.dims.length;
  if (kind === "ids") {
    if (!INT_TYPES.has(output.type) && !FLOAT_TYPES.has(output.type)) fail(`output ${shown}: class ids must be integers (or floats holding integers), not ${output.type}.`);
    if (rank !== 0 && (rank < 2 || rank > 4)) fail(`output ${shown}: a class-id map is [1, H, W], [1, 1, H, W] or [H, W]; rank ${rank} does not fit.`);
    if (!oneChannelFits(output.dims, layout)) fail(`output ${shown}: a class-id map has one channel; for one channel per class set output kind to "scores".`);
    return;
  }
  if (!FLOAT_TYPES.has(output.type)) {
    fail(`output ${shown}: "${kind}" needs float32 values, not ${output.type}${INT_TYPES.has(output.type) ? '; for a class-id map set output kind to "ids"' : ""}.`);
  }
  if (rank === 0) return; // shape unknown until it runs
  if (rank !== 4 && rank !== 3 && !(rank === 2 && kind === "probability")) fail(`output ${shown}: "${kind}" expects [1, C, H, W] (nchw) or [1, H, W, C] (nhwc); rank ${rank} does not fit.`);
  if (kind === "probability") {
    if (!oneChannelFits(output.dims, layout)) {
      const channels = output.dims[rank === 3 ? 0 : layout === "nchw" ? 1 : 3];
      fail(`output ${shown}: "probability" needs one channel but the model gives ${channels}; use "scores" for one channel per class.`);
    }
    return;
  }
  const [at, otherEnd] = rank === 3 ? [0, 2] : [1, 3];
  const [channels, other] = layout === "nchw" ? [output.dims[at], output.dims[otherEnd]] : [output.dims[otherEnd], output.dims[at]];
  // The channels look to be at the other end of the output: say which output layout reads them.
  const flipped = layout === "nchw" ? { name: "nhwc", dims: "H, W, C" } : { name: "nchw", dims: "C, H, W" };
  const hint = classCount !== undefined && other === classCount ? `; the output looks ${flipped.name} ([1, ${flipped.dims}]): set the output layout to "${flipped.name}"` : "";
  if (kind === "scores" && fixed(channels)) {
    if (channels < 2) fail(`output ${shown}: "scores" needs one channel per class but the model gives ${channels}${hint || '; use "probability" for a binary model'}.`);
    if (classCount !== undefined && channels !== classCount) {
      fail(`output ${shown} has ${channels} score channels but the model version declares ${plural(classCount, "class", "classes")}${hint}.`);
    }
  }
}

/**
 * Whether a single-channel output (ids, probability) of these dims can be
 * read the way the runner reads it (lib/core/preprocess outputGrid): the one
 * channel first ([1, 1, H, W], [1, H, W]) or last ([1, H, W, 1], [H, W, 1]).
 * Refused when both candidate positions hold a fixed size other than 1, or
 * the layout's channel position does and the other end is symbolic
 * ([1, 11, H, W]: one channel per class). Rank 2 and unknown ranks fit.
 */
function oneChannelFits(dims: readonly (number | string)[], layout: "nchw" | "nhwc"): boolean {
  const many = (d: number | string | undefined) => fixed(d) && d !== 1;
  if (dims.length === 3) return !(many(dims[0]) && many(dims[2]));
  if (dims.length !== 4) return true;
  const [, c1, , c3] = dims;
  const [atLayout, other] = layout === "nchw" ? [c1, c3] : [c3, c1];
  return !((many(c1) && many(c3)) || (many(atLayout) && !fixed(other)));
}

/** The reason `config` does not fit `sig` (validateOnnxConfig's message), or null when it fits. */
export function onnxFitProblem(sig: ModelSignature, config: OnnxFitConfig, opts: ValidateOnnxOptions): string | null {
  try {
    validateOnnxConfig(sig, config, opts);
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}
