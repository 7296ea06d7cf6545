import { z } from "zod";
import { issueLines } from "@/lib/core/errors";
import { onnxFitProblem } from "@/lib/core/onnx/fit";
import { onnxConfigSchema } from "./onnx-config";
import { modelSignatureDto, type ModelSignatureDto } from "./runner-config";

/**
 * What POST /api/v1/models/{id}/inspect-onnx says of an uploaded .onnx file
 * before a version is created: its signature, and why the preprocessing
 * config sent with it does not fit (null when it does).
 */
export const onnxInspectionDto = z.object({
  fileName: z.string(),
  bytes: z.number().int().nonnegative(),
  signature: modelSignatureDto,
  problem: z.string().nullable(),
});
export type OnnxInspectionDto = z.infer<typeof onnxInspectionDto>;

/**
 * Why `config` (as sent, not yet parsed) cannot be used with a model of this
 * signature: not a valid preprocessing config, or not fitting the model
 * (validateOnnxConfig's message); null when it fits. The inspect route and
 * the web form (from a signature read once per file) say the same.
 */
export function preprocessingProblem(signature: ModelSignatureDto, config: unknown, opts: { fileName: string; classCount?: number }): string | null {
  const parsed = onnxConfigSchema.safeParse(config ?? {});
  if (!parsed.success) return `The preprocessing config is not valid: ${issueLines(parsed.error.issues).join("; ")}`;
  return onnxFitProblem(signature, parsed.data, opts);
}
