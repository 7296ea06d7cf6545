import "server-only";
import { readFile } from "node:fs/promises";
import { AppError } from "@/lib/core/errors";
import { onnxConfigSchema } from "@/lib/contracts/onnx-config";
import type { OnnxInspectionDto } from "@/lib/contracts/onnx-inspection";
import { loadOnnxSession, readOnnxSignature } from "./session";
import { validateOnnxConfig } from "./validate";

/**
 * Reads the signature of an uploaded .onnx file (streamed to the upload
 * staging area) and checks the preprocessing config against it, so the form
 * can show both before the version is created. A file that is not ONNX is
 * AppError("invalid_input") naming it; a config that does not fit is the
 * `problem`, not an error.
 */
export async function inspectUploadedOnnx(
  file: { path: string; name: string; bytes: number },
  { config, classCount }: { config?: unknown; classCount?: number } = {},
): Promise<OnnxInspectionDto> {
  const session = await loadOnnxSession(new Uint8Array(await readFile(file.path)), { fileName: file.name, threads: 1 });
  try {
    const signature = readOnnxSignature(session);
    const parsed = onnxConfigSchema.safeParse(config ?? {});
    let problem: string | null = null;
    if (!parsed.success) problem = `The preprocessing config is not valid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`;
    else {
      try {
        validateOnnxConfig(signature, parsed.data, { fileName: file.name, classCount });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        problem = error.message;
      }
    }
    return { fileName: file.name, bytes: file.bytes, signature, problem };
  } finally {
    await session.release();
  }
}
