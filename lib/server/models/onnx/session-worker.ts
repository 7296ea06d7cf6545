import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/core/errors";
import type { ModelSignature, TensorSignature } from "./session";

/** A tensor crossing the thread boundary: its buffer is transferred, not copied. */
export interface WireTensor {
  type: string;
  data: Float32Array | Uint8Array | Int32Array | BigInt64Array | Float64Array | Int8Array | Uint16Array | Int16Array | Uint32Array | BigUint64Array;
  dims: readonly number[];
}

/** A model output from a worker; `data` is null for non-numeric (string) tensors. */
export interface RunOutput {
  type: string;
  data: WireTensor["data"] | null;
  dims: readonly number[];
}

/*
 * Plain CommonJS run with `eval: true`, so the same worker starts under
 * Next, tsx and vitest without a build step for a .ts worker file. It owns
 * one InferenceSession; inputs arrive as transferred buffers and outputs go
 * back transferred (copied only if onnxruntime's buffer cannot be detached).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ort = require(typeof workerData.ortPath === "string" ? workerData.ortPath : "onnxruntime-node");
const ARRAYS = { float32: Float32Array, uint8: Uint8Array, int8: Int8Array, int32: Int32Array, int64: BigInt64Array, float64: Float64Array, uint16: Uint16Array, int16: Int16Array, uint32: Uint32Array, uint64: BigUint64Array, bool: Uint8Array };
const describe = (meta) => meta.map((m) => m.isTensor ? { name: m.name, type: m.type, dims: m.shape.map((d) => (typeof d === "number" && d < 0 ? "?" : d)) } : { name: m.name, type: "non-tensor", dims: [] });
let session = null;
parentPort.on("message", async (m) => {
  try {
    if (m.kind === "open") {
      session = await ort.InferenceSession.create(m.bytes, { executionProviders: ["cpu"], intraOpNumThreads: workerData.threads, interOpNumThreads: 1, executionMode: "sequential", graphOptimizationLevel: "all" });
      parentPort.postMessage({ id: m.id, ok: true, signature: { inputs: describe(session.inputMetadata), outputs: describe(session.outputMetadata) } });
    } else if (m.kind === "run") {
      const input = new ort.Tensor(m.type, m.data, m.dims);
      const out = (await session.run({ [m.inputName]: input }, [m.outputName]))[m.outputName];
      const data = out.data;
      const msg = { id: m.id, ok: true, tensor: { type: out.type, data, dims: out.dims } };
      if (typeof data === "string" || Array.isArray(data)) { parentPort.postMessage({ id: m.id, ok: true, tensor: { type: out.type, data: null, dims: out.dims } }); return; }
      try { parentPort.postMessage(msg, [data.buffer]); } catch { parentPort.postMessage({ ...msg, tensor: { ...msg.tensor, data: new ARRAYS[out.type](data) } }); }
    } else if (m.kind === "close") {
      await session?.release();
      session = null;
      parentPort.postMessage({ id: m.id, ok: true });
    }
  } catch (error) {
    parentPort.postMessage({ id: m.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
`;

/**
 * The file path of onnxruntime-node for the worker's `require`, resolved at
 * run time from the package root (the working folder of `next start`, tsx and
 * vitest). Not `createRequire(import.meta.url)`: inside the Next server the
 * bundler rewrites that into its own module id (a number), and the worker's
 * `require(number)` then fails with 'The "id" argument must be of type string'.
 */
export function ortPath(cwd = process.cwd()): string {
  const dynamicRequire = createRequire(path.join(cwd, "package.json"));
  try {
    const resolved: unknown = dynamicRequire.resolve("onnxruntime-node");
    if (typeof resolved === "string") return resolved;
  } catch {
    // Not installed under the working folder: let the worker resolve it by name.
  }
  return "onnxruntime-node";
}

/** One InferenceSession living in its own thread: the main thread stays free to decode, preprocess and post-process while it runs. */
export interface SessionWorker {
  signature: ModelSignature;
  /** Requests sent and not yet answered. */
  pending(): number;
  /** Runs the model; `input.data`'s buffer is transferred (unusable afterwards). Rejects with onnxruntime's message. */
  run(input: WireTensor, inputName: string, outputName: string): Promise<RunOutput>;
  close(): Promise<void>;
}

/**
 * Starts a worker thread and opens the model in it with `threads` intra-op
 * threads. Bytes that are not a loadable model give AppError("invalid_input")
 * naming `fileName`, like loadOnnxSession.
 */
export async function openSessionWorker(bytes: Uint8Array, opts: { fileName: string; threads: number }): Promise<SessionWorker> {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ortPath: ortPath(), threads: Math.max(1, Math.floor(opts.threads)) } });
  worker.unref();
  const waiting = new Map<number, { resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let dead: Error | null = null;
  const failAll = (error: Error) => {
    dead = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.on("message", (m: { id: number; ok: boolean; message?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.ok) w?.resolve(m as unknown as Record<string, unknown>);
    else w?.reject(new Error(m.message));
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`the inference thread exited (code ${code})`)));
  const send = (msg: Record<string, unknown>, transfer: ArrayBuffer[] = []) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      if (dead) return reject(dead);
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...msg, id }, transfer);
    });

  let signature: ModelSignature;
  try {
    signature = (await send({ kind: "open", bytes })).signature as ModelSignature;
  } catch (error) {
    await worker.terminate();
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("invalid_input", `${opts.fileName}: not a loadable ONNX model (${reason.split("\n")[0]}).`, { cause: error });
  }
  return {
    signature,
    pending: () => waiting.size,
    async run(input, inputName, outputName) {
      const buffer = input.data.buffer as ArrayBuffer;
      const whole = input.data.byteOffset === 0 && input.data.byteLength === buffer.byteLength;
      const data = whole ? input.data : input.data.slice();
      const r = await send({ kind: "run", type: input.type, data, dims: input.dims, inputName, outputName }, [data.buffer as ArrayBuffer]);
      return r.tensor as RunOutput;
    },
    async close() {
      if (!dead) await send({ kind: "close" }).catch(() => undefined);
      await worker.terminate();
    },
  };
}

export type { TensorSignature };
