import "server-only";
import * as ort from "onnxruntime-node";
import { AppError } from "@/lib/core/errors";
import type { OnnxConfig } from "@/lib/contracts/onnx-config";
import { checkScoreChannels, outputLayoutOf, planInput, planesLayoutOf, toInputTensor, toLabelMap, type InputPlan, type InputTensor, type NumericArray } from "@/lib/core/preprocess";
import { loadServerKernels } from "@/lib/server/wasm-kernels";
import type { Prediction, Runner, RunnerSample } from "../runner";
import { predictInFlight, type PredictOutcome } from "../http/in-flight";
import { withDecodedImage } from "./decode-image";
import { validateOnnxConfig, type ModelSignature, type OnnxBinding } from "@/lib/core/onnx/fit";
import { loadOnnxSession, readOnnxSignature } from "./session";
import { openSessionWorker, type PlanesInput, type RunOptions, type RunOutput, type SessionWorker, type WireTensor } from "./session-worker";

/** Input buffers kept for reuse: enough for every image in flight. */
const MAX_SPARE_INPUTS = 8;

export interface OnnxRunnerOptions {
  /** The .onnx bytes, or a loader called once on first use. */
  model: Uint8Array | (() => Promise<Uint8Array>);
  config: OnnxConfig;
  /** Named in every error, e.g. "unet-v2.onnx". */
  fileName: string;
  /** Intra-op threads per session. Default 1. */
  threads?: number;
  /**
   * Sessions in worker threads, each running one image at a time (default 1).
   * 0 runs the session on the main thread (no overlap: onnxruntime-node's
   * run blocks the event loop). With workers, decoding, preprocessing and
   * post-processing of other images overlap inference; tensors cross threads
   * by transfer, not copy.
   */
  workers?: number;
  /** Length of the version's class list (checked against fixed score channels). */
  classCount?: number;
  /** The encoded image (JPEG/PNG/…) of a sample. */
  readImage(sample: RunnerSample): Promise<Uint8Array>;
}

/**
 * A prepared input waiting for the session: decoded, resized and normalised
 * into a tensor, or (float32 NCHW without a resize, sessions in threads with
 * the tensor kernels) decoded pixels that the session's thread turns into
 * the tensor in its own memory.
 */
export interface PreparedInput {
  sample: RunnerSample;
  plan: InputPlan;
  /** The tensor's dims, for messages. */
  dims: readonly number[];
  input: InputTensor | PlanesInput;
}

export interface OnnxRunner extends Runner {
  /** Releases the session; the runner reopens it if used again. */
  close(): Promise<void>;
  /** Signature of the model (opens the session if needed). */
  signature(): Promise<ModelSignature>;
  /** Read + decode + preprocess one sample (CPU work off the inference path; runs while another sample infers). */
  prepare(sample: RunnerSample): Promise<PreparedInput>;
  /** Inference + postprocessing of a prepared sample. */
  infer(prepared: PreparedInput): Promise<Prediction>;
  /**
   * Predicts many samples keeping `inFlight` (default 2 per worker, at least
   * 2) in progress, so the next images decode while others infer. Completion order.
   */
  predictMany(samples: Iterable<RunnerSample> | AsyncIterable<RunnerSample>, inFlight?: number): AsyncGenerator<PredictOutcome>;
}

/**
 * The `onnx` runner: an uploaded model run in process on the CPU with
 * onnxruntime-node. The session opens lazily on first use (so building the
 * runner is synchronous) and the config is validated against the model's
 * signature then; a sample's prediction has the ground truth's size
 * (`sample.width` x `sample.height`). Errors name the sample.
 */
export function createOnnxRunner(opts: OnnxRunnerOptions): OnnxRunner {
  loadServerKernels();
  type Engine = { run(t: WireTensor | PlanesInput, input: string, output: string, options: RunOptions): Promise<RunOutput>; close(): Promise<void>; planes: boolean };
  let opened: Promise<{ engine: Engine; binding: OnnxBinding; signature: ModelSignature }> | null = null;
  const workers = Math.max(0, Math.floor(opts.workers ?? 1));
  /** Set by close: samples still in flight then fail at once instead of loading the model again. */
  let closed = false;
  const open = () => {
    if (closed) return Promise.reject(new AppError("invalid_input", `the run was stopped (the model ${opts.fileName} was closed).`));
    opened ??= (async () => {
      const bytes = typeof opts.model === "function" ? await opts.model() : opts.model;
      const { engine, signature } = workers === 0 ? await inProcess(bytes) : await workerPool(bytes);
      try {
        return { engine, signature, binding: validateOnnxConfig(signature, opts.config, { fileName: opts.fileName, classCount: opts.classCount }) };
      } catch (error) {
        await engine.close();
        throw error;
      }
    })();
    return opened;
  };
  const inProcess = async (bytes: Uint8Array): Promise<{ engine: Engine; signature: ModelSignature }> => {
    const session = await loadOnnxSession(bytes, { fileName: opts.fileName, threads: opts.threads });
    // Runs still going when the runner is closed finish before the session is released (never freed under a run).
    const running = new Set<Promise<unknown>>();
    const engine: Engine = {
      planes: false,
      async run(t, input, output) {
        if ("pixels" in t) throw new Error("pixels input needs a session thread");
        const run = session.run({ [input]: new ort.Tensor(t.type as "float32", t.data as Float32Array, t.dims) }, [output]);
        running.add(run);
        const out = (await run.finally(() => running.delete(run)))[output] as ort.Tensor;
        const data = typeof out.data === "string" || Array.isArray(out.data) ? null : (out.data as WireTensor["data"]);
        return { type: out.type, data, dims: out.dims };
      },
      close: async () => {
        await Promise.allSettled([...running]);
        await session.release();
      },
    };
    return { engine, signature: readOnnxSignature(session) };
  };
  const workerPool = async (bytes: Uint8Array): Promise<{ engine: Engine; signature: ModelSignature }> => {
    const pool: SessionWorker[] = [];
    try {
      for (let i = 0; i < workers; i++) pool.push(await openSessionWorker(bytes, { fileName: opts.fileName, threads: opts.threads ?? 1 }));
    } catch (error) {
      await Promise.all(pool.map((w) => w.close()));
      throw error;
    }
    const engine: Engine = {
      planes: pool.every((w) => w.planes),
      run: (t, input, output, options) => pool.reduce((a, b) => (b.pending() < a.pending() ? b : a)).run(t, input, output, options),
      close: async () => void (await Promise.all(pool.map((w) => w.close()))),
    };
    return { engine, signature: pool[0].signature };
  };
  const { input: inputSpec, output: outputSpec } = opts.config;
  /** Input buffers the sessions handed back, reused by the next images (no tensor allocation per image). */
  const spare: ArrayBuffer[] = [];
  /** Shared pixel buffers of PlanesInputs whose runs are answered. */
  const sparePixels: SharedArrayBuffer[] = [];
  const sharedPixels = (bytes: number) => {
    const i = sparePixels.findIndex((b) => b.byteLength >= bytes);
    return i >= 0 ? sparePixels.splice(i, 1)[0] : new SharedArrayBuffer(bytes);
  };
  /** Score planes are reduced to ids in the session's thread when it can (RunOptions.argmax). */
  const outputLayout = outputLayoutOf(opts.config);
  const runOptions: RunOptions = { argmax: outputSpec.kind === "scores" && outputLayout === "nchw" };

  const prepare = async (sample: RunnerSample): Promise<PreparedInput> => {
    const { engine } = await open();
    return named(sample, async () => {
      // The pixels may be a view on a wasm slot: they are copied or become the tensor inside the callback.
      return withDecodedImage(await opts.readImage(sample), sample.name, (image): PreparedInput => {
        const plan = planInput(inputSpec, image.width, image.height);
        const layout = engine.planes ? planesLayoutOf(image, inputSpec, plan) : null;
        if (layout) {
          const bytes = image.width * image.height * image.channels;
          const pixels = new Uint8Array(sharedPixels(bytes), 0, bytes);
          pixels.set(image.data.subarray(0, bytes));
          return { sample, plan, dims: [1, 3, layout.th, layout.tw], input: { pixels, width: image.width, height: image.height, channels: image.channels, layout } };
        }
        const tensor = toInputTensor(image, inputSpec, plan, spare.pop());
        return { sample, plan, dims: tensor.dims, input: tensor };
      });
    });
  };

  const infer = async ({ sample, plan, dims, input }: PreparedInput): Promise<Prediction> => {
    const { engine, binding } = await open();
    return named(sample, async () => {
      let out: RunOutput;
      try {
        out = await engine.run(input, binding.inputName, binding.outputName, runOptions);
        if (out.input && spare.length < MAX_SPARE_INPUTS) spare.push(out.input);
      } catch (error) {
        const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
        throw new AppError("invalid_input", `the model ${opts.fileName} failed on a ${dims.join("x")} input (${reason}).`, { cause: error });
      } finally {
        if ("pixels" in input && sparePixels.length < MAX_SPARE_INPUTS) sparePixels.push(input.pixels.buffer as SharedArrayBuffer);
      }
      if (out.data === null || out.type === "float16") {
        throw new AppError("invalid_input", `the model ${opts.fileName} returned ${out.type} values, which Intersect cannot read as a label map.`);
      }
      if (out.argmax) {
        checkScoreChannels(out.channels, opts.classCount);
        return toLabelMap({ data: out.data as NumericArray, dims: out.dims }, { ...outputSpec, kind: "ids" }, outputLayout, plan, sample.width, sample.height);
      }
      return toLabelMap({ data: out.data as NumericArray, dims: out.dims }, outputSpec, outputLayout, plan, sample.width, sample.height, opts.classCount);
    });
  };

  const predict = async (sample: RunnerSample) => infer(await prepare(sample));

  return {
    predict,
    prepare,
    infer,
    signature: async () => (await open()).signature,
    predictMany: (samples, inFlight = Math.max(2, 2 * workers)) => predictInFlight(samples, inFlight, predict),
    async close() {
      closed = true;
      const o = opened;
      opened = null;
      if (o) await (await o.catch(() => null))?.engine.close();
    },
  };
}

/** Runs `fn`, prefixing an AppError's message with the sample's name once. */
async function named<T>(sample: RunnerSample, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof AppError && !error.message.startsWith(`${sample.name}:`)) {
      throw new AppError(error.code, `${sample.name}: ${error.message}`, { cause: error.cause ?? error, fieldErrors: error.fieldErrors });
    }
    throw error;
  }
}

/**
 * Checks an uploaded model before a version is created: loads it, reads its
 * signature and validates the config (throws AppError naming the file, with
 * fieldErrors `file` when it does not load and `config` when it does not fit).
 * Returns the signature for display; the session is released.
 */
export async function inspectOnnxModel(
  bytes: Uint8Array,
  config: OnnxConfig,
  opts: { fileName: string; classCount?: number },
): Promise<ModelSignature> {
  const session = await loadOnnxSession(bytes, { fileName: opts.fileName, threads: 1 });
  try {
    const signature = readOnnxSignature(session);
    try {
      validateOnnxConfig(signature, config, opts);
    } catch (error) {
      // The file loads: what does not fit is the preprocessing config (a form marks its fields).
      if (error instanceof AppError) throw new AppError(error.code, error.message, { cause: error, fieldErrors: { config: [error.message] } });
      throw error;
    }
    return signature;
  } finally {
    await session.release();
  }
}
