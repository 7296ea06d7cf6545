import "server-only";
import { readFile } from "node:fs/promises";
import { preprocessingProblem, type OnnxInspectionDto } from "@/lib/contracts/onnx-inspection";
import { loadOnnxSession, readOnnxSignature } from "./session";

/**
 * Reads the signature of an uploaded .onnx file (streamed to the upload
 * staging area) and checks the preprocessing config against it (the
 * defaults when none is sent), so clients can show both before the version
 * is created. A file that is not ONNX is
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
    return { fileName: file.name, bytes: file.bytes, signature, problem: preprocessingProblem(signature, config, { fileName: file.name, classCount }) };
  } finally {
    await session.release();
  }
}
