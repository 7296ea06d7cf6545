import "server-only";
import { createRequire } from "node:module";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/core/errors";
import { MAX_TENSOR_BYTES, tensorKernelModule, type PlanesLayout } from "@/lib/core/wasm/tensor-kernels";
import type { ModelSignature, TensorSignature } from "@/lib/core/onnx/fit";
import { WORKER_SOURCE } from "./session-worker-source";

/** A tensor crossing the thread boundary: its buffer is transferred, not copied. */
export interface WireTensor {
  type: string;
  data: Float32Array | Uint8Array | Int32Array | BigInt64Array | Float64Array | Int8Array | Uint16Array | Int16Array | Uint32Array | BigUint64Array;
  dims: readonly number[];
}

/**
 * A model output from a worker; `data` is null for non-numeric (string)
 * tensors. `argmax` is set when the worker already reduced float32 score
 * planes [1, C, H, W] to 8-bit class ids [1, H, W] (first maximum wins, NaN
 * never wins), so the big score tensor never crosses threads.
 */
export type RunOutput = {
  type: string;
  data: WireTensor["data"] | null;
  dims: readonly number[];
  /** The input's buffer, handed back for reuse (the caller transferred it away). */
  input?: ArrayBuffer;
} & (
  /** Reduced to ids in the worker; `channels`: the number of score planes that were reduced (C). */
  | { argmax: true; channels: number }
  | { argmax?: false; channels?: undefined }
);

/**
 * A float32 NCHW input sent as its 8-bit pixels (a view on a
 * SharedArrayBuffer, which the caller may reuse once the run is answered):
 * the worker fills the tensor in its own WebAssembly memory with lib/core's
 * rgbToPlanes, so no float tensor is copied out or crosses threads. Only for
 * a worker whose `planes` is true.
 */
export interface PlanesInput {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: number;
  layout: PlanesLayout;
}

/** What the caller asks of a run beyond the model itself. */
export interface RunOptions {
  /** Reduce float32 score planes [1, C, H, W] (2 <= C <= 256) to class ids in the worker, with lib/core's WebAssembly argmax. */
  argmax?: boolean;
}


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
  /** True when the worker runs lib/core's tensor kernels: it takes PlanesInput. */
  planes: boolean;
  /** The inference thread's id (threads are reused from one session to the next). */
  threadId: number;
  /**
   * Runs the model; a WireTensor's buffer is transferred (unusable
   * afterwards) and comes back as `RunOutput.input`; a PlanesInput's pixels
   * are shared, not moved, and free again once the run is answered. Rejects
   * with onnxruntime's message.
   */
  run(input: WireTensor | PlanesInput, inputName: string, outputName: string, options?: RunOptions): Promise<RunOutput>;
  close(): Promise<void>;
}

/** A started inference thread and its request channel (one model at a time, one model after another). */
interface InferenceThread {
  worker: Worker;
  threads: number;
  /** The tensor kernels it was started with (null: none). */
  module: WebAssembly.Module | null;
  send(msg: Record<string, unknown>, transfer?: ArrayBuffer[]): Promise<Record<string, unknown>>;
  pending(): number;
  dead(): boolean;
}

function startThread(threads: number, module: WebAssembly.Module | null): InferenceThread {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ortPath: ortPath(), threads, tensorModule: module, maxTensorBytes: MAX_TENSOR_BYTES } });
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
  return {
    worker,
    threads,
    module,
    pending: () => waiting.size,
    dead: () => dead !== null,
    send: (msg, transfer = []) =>
      new Promise((resolve, reject) => {
        if (dead) return reject(dead);
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ ...msg, id }, transfer);
      }),
  };
}

/**
 * Threads whose model was closed, kept for the next one: an evaluation
 * after another starts on a thread whose isolate has already compiled the
 * worker's and onnxruntime-node's JavaScript (a new thread spends ~0.1-0.2 s
 * of CPU on that, in the first images of the run). Bounded, and each
 * stopped after IDLE_MS unused; unref'd, so they never hold the process.
 */
const idle: { thread: InferenceThread; timer: NodeJS.Timeout }[] = [];
const MAX_IDLE = 4;
const IDLE_MS = 60_000;

function takeThread(threads: number): InferenceThread {
  const module = tensorKernelModule();
  const i = idle.findIndex((e) => e.thread.threads === threads && e.thread.module === module && !e.thread.dead());
  if (i < 0) return startThread(threads, module);
  const [{ thread, timer }] = idle.splice(i, 1);
  clearTimeout(timer);
  return thread;
}

function releaseThread(thread: InferenceThread): void {
  if (thread.dead() || idle.length >= MAX_IDLE) {
    void thread.worker.terminate();
    return;
  }
  const timer = setTimeout(() => {
    const i = idle.findIndex((e) => e.thread === thread);
    if (i >= 0) idle.splice(i, 1);
    void thread.worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idle.push({ thread, timer });
}

/**
 * Opens the model in an inference thread (an idle one when there is one,
 * else a new one) with `threads` intra-op threads. Bytes that are not a
 * loadable model give AppError("invalid_input") naming `fileName`, like
 * loadOnnxSession. `close` releases the session and hands the thread back.
 */
export async function openSessionWorker(bytes: Uint8Array, opts: { fileName: string; threads: number }): Promise<SessionWorker> {
  const thread = takeThread(Math.max(1, Math.floor(opts.threads)));
  const { send } = thread;
  let signature: ModelSignature;
  let planes = false;
  try {
    const opened = await send({ kind: "open", bytes });
    signature = opened.signature as ModelSignature;
    planes = opened.planes === true;
  } catch (error) {
    releaseThread(thread);
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("invalid_input", `${opts.fileName}: not a loadable ONNX model (${reason.split("\n")[0]}).`, { cause: error });
  }
  let closed = false;
  return {
    signature,
    planes,
    threadId: thread.worker.threadId,
    pending: thread.pending,
    async run(input, inputName, outputName, options = {}) {
      if (closed) throw new Error("the session is closed");
      const argmax = options.argmax === true;
      if ("pixels" in input) {
        if (!planes) throw new Error("this inference thread has no tensor kernels for a pixels input");
        const r = await send({ kind: "run", type: "float32", pixels: input, dims: [1, 3, input.layout.th, input.layout.tw], inputName, outputName, argmax });
        return r.tensor as RunOutput;
      }
      const buffer = input.data.buffer as ArrayBuffer;
      const whole = input.data.byteOffset === 0 && input.data.byteLength === buffer.byteLength;
      const data = whole ? input.data : input.data.slice();
      const r = await send({ kind: "run", type: input.type, data, dims: input.dims, inputName, outputName, argmax }, [data.buffer as ArrayBuffer]);
      return r.tensor as RunOutput;
    },
    async close() {
      if (closed) return;
      closed = true;
      // Answered after every run sent before it (the thread takes one message at a time).
      const released = await send({ kind: "close" }).then(() => true, () => false);
      if (released) releaseThread(thread);
      else await thread.worker.terminate();
    },
  };
}

export type { TensorSignature };
