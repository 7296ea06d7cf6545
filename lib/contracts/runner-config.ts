import { z } from "zod";
import { httpEndpointConfigSchema } from "./http-endpoint-config";
import { onnxConfigSchema } from "./onnx-config";

/** How a model version is served: uploaded predictions, an ONNX file, or an HTTP endpoint. */
export const runnerKindSchema = z.enum(["predictions", "onnx", "http"]);
export type RunnerKind = z.infer<typeof runnerKindSchema>;

/**
 * The `runnerConfig` JSON column of ModelVersion: a JSON object whose keys
 * each runner kind defines — `{}` for predictions, onnx-config.ts and
 * http-endpoint-config.ts for the others (their runners parse it further).
 */
export const runnerConfigSchema = z.record(z.string(), z.json());
export type RunnerConfig = z.infer<typeof runnerConfigSchema>;

/** One tensor of a model's signature as shown to users (`dims`: numbers or symbolic names). */
export const tensorSignatureDto = z.object({
  name: z.string(),
  type: z.string(),
  dims: z.array(z.union([z.number(), z.string()])),
});
export const modelSignatureDto = z.object({ inputs: z.array(tensorSignatureDto), outputs: z.array(tensorSignatureDto) });
export type ModelSignatureDto = z.infer<typeof modelSignatureDto>;

/**
 * The stored config of an `onnx` version: the preprocessing config (the
 * contract the form and CLI write) plus the model file, a blob named by its
 * sha256, and the signature read from it when the version was created.
 */
export const storedOnnxRunnerConfigSchema = onnxConfigSchema.extend({
  model: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), fileName: z.string().min(1), bytes: z.number().int().nonnegative() }),
  signature: modelSignatureDto.optional(),
});
export type StoredOnnxRunnerConfig = z.infer<typeof storedOnnxRunnerConfigSchema>;

/**
 * The stored config of an `http` version (headers included: server-side
 * only), read back leniently: rows written before a rule was tightened on
 * input (header names, unknown keys) still read, so the version keeps its
 * runner kind on pages; new input goes through httpEndpointConfigSchema.
 */
export const storedHttpRunnerConfigSchema = z.looseObject({
  url: z.string(),
  modelName: z.string(),
  headers: z.record(z.string(), z.string()).optional(),
  preprocess: httpEndpointConfigSchema.shape.preprocess,
});

/**
 * What pages and DTOs may show of a runner config: never header values
 * (e.g. `Authorization`), only their names.
 */
export const publicRunnerConfigDto = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("predictions") }),
  z.object({
    kind: z.literal("onnx"),
    fileName: z.string(),
    bytes: z.number(),
    input: onnxConfigSchema.shape.input,
    output: onnxConfigSchema.shape.output,
    signature: modelSignatureDto.nullable(),
  }),
  z.object({ kind: z.literal("http"), url: z.string(), modelName: z.string(), headerNames: z.array(z.string()), preprocess: z.boolean() }),
]);
export type PublicRunnerConfig = z.infer<typeof publicRunnerConfigDto>;

/**
 * The largest image a version's runner can take, in pixels: the fixed input
 * size of an onnx config (or an http version's preprocessing config) with
 * resize "none", which pads smaller images and refuses larger ones; null
 * when any size goes (stretch, letterbox, a size from the image, predictions).
 */
export function largestImageOf(runnerKind: string, runnerConfig: unknown): { width: number; height: number } | null {
  const input =
    runnerKind === "onnx"
      ? storedOnnxRunnerConfigSchema.safeParse(runnerConfig).data?.input
      : runnerKind === "http"
        ? storedHttpRunnerConfigSchema.safeParse(runnerConfig).data?.preprocess?.input
        : undefined;
  if (!input || input.resize !== "none" || !input.size) return null;
  return { width: input.size[1], height: input.size[0] };
}
