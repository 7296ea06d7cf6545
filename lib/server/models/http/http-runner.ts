import "server-only";
import { AppError } from "@/lib/core/errors";
import { loadServerKernels } from "@/lib/server/wasm-kernels";
import type { HttpEndpointConfig } from "@/lib/contracts/http-endpoint-config";
import { planInput, scoresLayoutByShape, toInputTensor, toLabelMap } from "@/lib/core/preprocess";
import type { Prediction, Runner, RunnerSample } from "../runner";
import { decodeImageRgb } from "../onnx/decode-image";
import { planEndpoint, type EndpointPlan } from "./endpoint-plan";
import { predictInFlight, type PredictOutcome } from "./in-flight";
import { createOipClient, type OipClientOptions } from "./oip-client";

export interface HttpRunnerOptions extends OipClientOptions {
  config: HttpEndpointConfig;
  /** The encoded image (JPEG/PNG/…) of a sample. */
  readImage(sample: RunnerSample): Promise<Uint8Array>;
  /** Requests in flight at most (whatever the callers do). Default 4. */
  concurrency?: number;
  /** Binary tensor data extension: true, false, or "auto" (ask `GET /v2` for its extensions). Default "auto". */
  binary?: boolean | "auto";
  /** Length of the version's class list, checked when a preprocessing config is given. */
  classCount?: number;
}

export interface HttpRunner extends Runner {
  close(): Promise<void>;
  /**
   * Predicts many samples, `inFlight` at a time (default: the runner's
   * concurrency plus two decoding ahead); requests in flight never exceed
   * the concurrency. Completion order.
   */
  predictMany(samples: Iterable<RunnerSample> | AsyncIterable<RunnerSample>, inFlight?: number): AsyncGenerator<PredictOutcome>;
}

/** A counting semaphore: at most `n` holders. */
function createLimiter(n: number) {
  let free = Math.max(1, Math.floor(n));
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (free > 0) free--;
    else await new Promise<void>((r) => waiting.push(r));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free++;
    }
  };
}

/** Samples decoded ahead of the requests in flight, so a freed request slot never waits for a decode. */
const LOOK_AHEAD = 2;

/**
 * The `http` runner: each image goes to an Open Inference Protocol v2
 * endpoint. Metadata is read once (lazily); `predict` may be called
 * concurrently and never has more than `concurrency` requests in flight;
 * the prediction has the ground truth's size. Errors are AppErrors starting
 * with the sample's name and carrying the endpoint's own message.
 */
export function createHttpRunner(opts: HttpRunnerOptions): HttpRunner {
  loadServerKernels();
  const concurrency = opts.concurrency ?? 4;
  const client = createOipClient(opts.config, { ...opts, maxSockets: opts.maxSockets ?? concurrency });
  const limit = createLimiter(concurrency);
  const name = `endpoint ${client.modelUrl}`;
  let opened: Promise<{ plan: EndpointPlan; binary: boolean }> | null = null;
  const open = () =>
    (opened ??= (async () => {
      const meta = await client.metadata();
      const plan = planEndpoint(meta, opts.config.preprocess, name, opts.classCount);
      const binary = opts.binary === undefined || opts.binary === "auto" ? await client.supportsBinary() : opts.binary;
      return { plan, binary };
    })().catch((error) => {
      opened = null; // a later call may find the endpoint back up
      throw error;
    }));

  const predict = async (sample: RunnerSample): Promise<Prediction> => {
    const { plan, binary } = await open().catch((error: unknown) => {
      throw error instanceof AppError ? new AppError(error.code, `${sample.name}: ${error.message}`) : error;
    });
    let image;
    try {
      image = await decodeImageRgb(await opts.readImage(sample), sample.name);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("invalid_input", `${sample.name}: the image could not be read.`, { cause: error });
    }
    const inputPlan = planInput(plan.input, image.width, image.height);
    const tensor = toInputTensor(image, plan.input, inputPlan);
    const shape = plan.batch ? [...tensor.dims] : tensor.dims.slice(1);
    const out = await limit(() =>
      client.infer(sample.name, { name: plan.inputName, datatype: plan.datatype, shape, data: tensor.data }, plan.outputName, binary),
    );
    try {
      const tensorSize = { height: inputPlan.tensorHeight, width: inputPlan.tensorWidth };
      const layout = plan.outputLayoutDeclared ? plan.outputLayout : scoresLayoutByShape(out.shape, plan.outputLayout, tensorSize, opts.classCount);
      return toLabelMap({ data: out.data, dims: out.shape }, plan.output, layout, inputPlan, sample.width, sample.height, opts.classCount);
    } catch (error) {
      if (error instanceof AppError) throw new AppError("invalid_input", `${sample.name}: ${client.modelUrl}: ${error.message}`);
      throw error;
    }
  };

  return {
    predict,
    predictMany: (samples, inFlight = concurrency + LOOK_AHEAD) => predictInFlight(samples, inFlight, predict),
    async close() {
      opened = null;
      client.close();
    },
  };
}
