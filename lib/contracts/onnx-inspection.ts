import { z } from "zod";
import { modelSignatureDto } from "./runner-config";

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
