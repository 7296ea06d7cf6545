import "server-only";
import * as ort from "onnxruntime-node";
import { AppError } from "@/lib/core/errors";
import type { ModelSignature, TensorSignature } from "@/lib/core/onnx/fit";

export interface LoadOnnxOptions {
  /** Used in every error message, e.g. "segformer-b0.onnx". */
  fileName: string;
  /** Intra-op threads (one session uses up to this many cores). Default 1. */
  threads?: number;
}

/**
 * Opens an .onnx model from its bytes on the CPU. Bytes that are not a
 * loadable ONNX model give AppError("invalid_input") naming the file with
 * onnxruntime's own reason (e.g. "protobuf parsing failed"); an empty file
 * says so.
 */
export async function loadOnnxSession(bytes: Uint8Array, opts: LoadOnnxOptions): Promise<ort.InferenceSession> {
  const threads = Math.max(1, Math.floor(opts.threads ?? 1));
  if (bytes.byteLength === 0) {
    // onnxruntime's reason for an empty buffer depends on how it was read ("Model data pointer is null", "No graph…").
    const message = `${opts.fileName}: the file is empty, not an ONNX model.`;
    throw new AppError("invalid_input", message, { fieldErrors: { file: [message] } });
  }
  try {
    return await ort.InferenceSession.create(bytes, {
      executionProviders: ["cpu"],
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `${opts.fileName}: not a loadable ONNX model (${reason.split("\n")[0]}).`;
    throw new AppError("invalid_input", message, { cause: error, fieldErrors: { file: [message] } });
  }
}

function describe(meta: readonly ort.InferenceSession.ValueMetadata[]): TensorSignature[] {
  return meta.map((m) =>
    m.isTensor
      ? { name: m.name, type: m.type, dims: m.shape.map((d) => (typeof d === "number" && d < 0 ? "?" : d)) }
      : { name: m.name, type: "non-tensor", dims: [] },
  );
}

/** The input and output signature of an open session. */
export function readOnnxSignature(session: ort.InferenceSession): ModelSignature {
  return { inputs: describe(session.inputMetadata), outputs: describe(session.outputMetadata) };
}

