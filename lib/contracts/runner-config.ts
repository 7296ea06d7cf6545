import { z } from "zod";

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
