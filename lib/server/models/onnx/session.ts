import "server-only";
import * as ort from "onnxruntime-node";
import { AppError } from "@/lib/core/errors";

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

export interface LoadOnnxOptions {
  /** Used in every error message, e.g. "segformer-b0.onnx". */
  fileName: string;
  /** Intra-op threads (one session uses up to this many cores). Default 1. */
  threads?: number;
}

/**
 * Opens an .onnx model from its bytes on the CPU. Bytes that are not a
 * loadable ONNX model give AppError("invalid_input") naming the file with
 * onnxruntime's own reason (e.g. "protobuf parsing failed").
 */
export async function loadOnnxSession(bytes: Uint8Array, opts: LoadOnnxOptions): Promise<ort.InferenceSession> {
  const threads = Math.max(1, Math.floor(opts.threads ?? 1));
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
    throw new AppError("invalid_input", `${opts.fileName}: not a loadable ONNX model (${reason.split("\n")[0]}).`, { cause: error });
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

/** Formats a signature entry for messages and display: `x: float32 [1, 3, H, W]`. */
export function formatTensorSignature(t: TensorSignature): string {
  return `${t.name}: ${t.type} [${t.dims.join(", ")}]`;
}
