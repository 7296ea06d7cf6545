/** The input half of a preprocessing config (structurally the contract's `OnnxInputConfig`). */
export interface InputSpec {
  layout: "nchw" | "nhwc";
  /** `[height, width]` of the tensor, or null: the image's own size rounded to `sizeMultiple`. */
  size: readonly [number, number] | null;
  sizeMultiple: number;
  resize: "stretch" | "letterbox" | "none";
  channels: "rgb" | "bgr";
  dtype: "float32" | "uint8";
  scale: number;
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
}

/** The output half of a preprocessing config (structurally the contract's `OnnxOutputConfig`). */
export interface OutputSpec {
  kind: "ids" | "scores" | "probability";
  threshold: number;
  /** Where the output's channel axis is; absent: as the input's layout (outputLayoutOf). */
  layout?: "nchw" | "nhwc";
}

/** The layout a model's output is read with: the output's own when the config gives one, else the input's. */
export function outputLayoutOf(config: { input: { layout: "nchw" | "nhwc" }; output: { layout?: "nchw" | "nhwc" } }): "nchw" | "nhwc" {
  return config.output.layout ?? config.input.layout;
}

/**
 * Where a score output's channel axis is when no config says (an endpoint
 * without a preprocessing config): the layout whose spatial dims are the
 * input tensor's, else the one whose channel count is the class count, else
 * `fallback` (the input's layout). `dims` are [1, C, H, W] / [1, H, W, C] or
 * without the batch; unknown dims (-1, NaN) match nothing. So an endpoint
 * taking NHWC images and answering NCHW scores (or the reverse) is read
 * right, also when its output is smaller than its input (a stride).
 */
export function scoresLayoutByShape(
  dims: readonly number[],
  fallback: "nchw" | "nhwc",
  tensor: { height: number; width: number },
  classCount?: number,
): "nchw" | "nhwc" {
  const d = dims.length === 4 ? dims.slice(1) : dims;
  if (d.length !== 3) return fallback;
  const decide = (first: boolean, last: boolean) => (first === last ? null : first ? "nchw" : "nhwc");
  const bySize = decide(d[1] === tensor.height && d[2] === tensor.width, d[0] === tensor.height && d[1] === tensor.width);
  const byClasses = classCount === undefined ? null : decide(d[0] === classCount, d[2] === classCount);
  return bySize ?? byClasses ?? fallback;
}

/**
 * Where the image sits in the input tensor, in tensor pixels: the content
 * rectangle holds the whole (possibly resized) image, the rest is padding.
 */
export interface InputPlan {
  tensorWidth: number;
  tensorHeight: number;
  contentX: number;
  contentY: number;
  contentWidth: number;
  contentHeight: number;
}

/** An interleaved 8-bit image: 3 (RGB) or 4 (RGBA, alpha ignored) channels per pixel, row-major. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** A model input, ready for a runtime: `dims` is `[1, 3, H, W]` (nchw) or `[1, H, W, 3]` (nhwc). */
export interface InputTensor {
  data: Float32Array | Uint8Array;
  dims: [number, number, number, number];
  type: "float32" | "uint8";
}

/** Any numeric tensor a model may return, row-major. */
export type NumericArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array;

export interface OutputTensor {
  data: NumericArray;
  dims: readonly number[];
}
