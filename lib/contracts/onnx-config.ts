import { z } from "zod";

const rgbTriple = z.tuple([z.number(), z.number(), z.number()]);
const positiveTriple = z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]);

/**
 * How an image becomes the model's input tensor. Pixel values go
 * `(value * scale - mean) / std` for float32 (scale 1/255 turns 0..255 into
 * 0..1 first); uint8 inputs get the raw 0..255 values and ignore scale, mean
 * and std; `mean`/`std` are per tensor channel (in `channels` order).
 * `size` is `[height, width]`; `null` keeps the image's own size,
 * padded (resize "none"/"letterbox") or resized ("stretch") to a multiple of
 * `sizeMultiple`. Padding is 0 in the tensor (after normalisation). Unknown
 * keys are refused.
 */
export const onnxInputConfigSchema = z.strictObject({
  layout: z.enum(["nchw", "nhwc"]).default("nchw"),
  size: z.tuple([z.number().int().min(1).max(16384), z.number().int().min(1).max(16384)]).nullable().default(null),
  sizeMultiple: z.number().int().min(1).max(4096).default(32),
  resize: z.enum(["stretch", "letterbox", "none"]).default("stretch"),
  channels: z.enum(["rgb", "bgr"]).default("rgb"),
  dtype: z.enum(["float32", "uint8"]).default("float32"),
  scale: z.number().positive().default(1 / 255),
  mean: rgbTriple.default([0.485, 0.456, 0.406]),
  std: positiveTriple.default([0.229, 0.224, 0.225]),
});

/**
 * What the model's output means. `ids`: a class-id map; `scores`: one channel
 * per class (logits or probabilities; argmax); `probability`: one channel,
 * class 1 where the value is >= threshold (binary models). `layout`: where
 * the output's channel axis is when it is not where the input's is (e.g. a
 * model converted with tf2onnx --inputs-as-nchw takes NCHW and answers
 * [1, H, W, C]); absent = the input's layout.
 */
export const onnxOutputConfigSchema = z.strictObject({
  kind: z.enum(["ids", "scores", "probability"]).default("scores"),
  threshold: z.number().min(0).max(1).default(0.5),
  layout: z.enum(["nchw", "nhwc"]).optional(),
});

/**
 * The preprocessing config stored with an onnx model version (a contract: the
 * web form and the CLI write it). Strict at every level: a misspelt key
 * ("stdev", "outptu") is refused by name rather than silently replaced by a
 * default that would run the model with the wrong normalisation.
 */
export const onnxConfigSchema = z.strictObject({
  input: onnxInputConfigSchema.prefault({}),
  output: onnxOutputConfigSchema.prefault({}),
});

export type OnnxInputConfig = z.infer<typeof onnxInputConfigSchema>;
export type OnnxOutputConfig = z.infer<typeof onnxOutputConfigSchema>;
export type OnnxConfig = z.infer<typeof onnxConfigSchema>;
