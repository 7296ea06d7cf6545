import "server-only";
import { availableParallelism } from "node:os";
import { AppError } from "@/lib/core/errors";
import type { LabelMap } from "@/lib/core/masks";
import {
  publicRunnerConfigDto,
  storedHttpRunnerConfigSchema,
  storedOnnxRunnerConfigSchema,
  type PublicRunnerConfig,
} from "@/lib/contracts/runner-config";
import type { PredictOutcome } from "./http/in-flight";
import { createHttpRunner } from "./http/http-runner";
import { displayUrl } from "./http/oip-client";
import { createOnnxRunner } from "./onnx/onnx-runner";
import { createPredictionsRunner } from "./predictions-runner";

/** The sample a runner predicts for: enough to find the image and name errors. */
export interface RunnerSample {
  id: string;
  name: string;
  imageSha256: string;
  width: number;
  height: number;
}

/**
 * A predicted label map; `storedSha256` names the blob it was decoded from
 * when the runner already has it stored (uploaded predictions), so the engine
 * need not encode and store it again.
 */
export type Prediction = LabelMap & { storedSha256?: string };

/**
 * Turns one image into a predicted label map. Each runner kind is one module;
 * nothing outside it knows how the model is served. `predictMany` (optional)
 * keeps several samples in flight and yields them in completion order.
 */
export interface Runner {
  predict(sample: RunnerSample): Promise<Prediction>;
  predictMany?(samples: Iterable<RunnerSample> | AsyncIterable<RunnerSample>, inFlight?: number): AsyncGenerator<PredictOutcome>;
  close?(): Promise<void>;
}

export interface RunnerDeps {
  readBlob(sha256: string): Promise<Uint8Array>;
  findPredictionMask(args: { modelVersionId: string; sampleName: string }): Promise<string | null>;
}

/** What the registry needs of a model version; `classCount` lets runners check score channels. */
export interface RunnableModelVersion {
  id: string;
  runnerKind: string;
  runnerConfig: unknown;
  classCount?: number;
}

/** Cores the onnx sessions may use: inside the Next.js server one core stays free for requests. */
const inferenceCores = () => Math.max(1, availableParallelism() - (process.env.NEXT_RUNTIME ? 1 : 0));

const envInt = (name: string, min: number, max: number): number | null => {
  const n = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isSafeInteger(n) && n >= min ? Math.min(n, max) : null;
};

/**
 * Sessions in worker threads, so inference never runs on the thread that
 * answers requests. Inside the Next.js server: up to two sessions on the
 * cores left after one for requests (2 cores: 1 session x 1 thread, which
 * kept GET /api/health under ~300 ms during a heavy run where 2 x 1 reached
 * 380–800 ms for about the same throughput); elsewhere (`npm run worker`)
 * one single-thread session per core, up to four: on 2 cores the runner
 * bench measured 2 x 1 about 1.4x the images per second of 1 x 2 (a shared
 * intra-op pool waits for its slowest thread whenever decoding takes a
 * core). `ONNX_WORKERS` (0 = main thread) and `ONNX_THREADS` override.
 */
export function onnxWorkers(): number {
  return envInt("ONNX_WORKERS", 0, 16) ?? Math.min(process.env.NEXT_RUNTIME ? 2 : 4, inferenceCores());
}

/** Intra-op threads of an onnx session: the inference cores shared between the sessions. */
export function onnxThreads(): number {
  return envInt("ONNX_THREADS", 1, 64) ?? Math.max(1, Math.floor(inferenceCores() / Math.max(1, onnxWorkers())));
}

/**
 * Builds the runner of a model version from its kind and stored config:
 * `onnx` reads the model bytes from the blob named in the config (lazily, on
 * first use), `http` talks to the endpoint with its stored headers,
 * `predictions` reads uploaded masks.
 */
export function createRunner(modelVersion: RunnableModelVersion, deps: RunnerDeps): Runner {
  const readImage = (sample: RunnerSample) => deps.readBlob(sample.imageSha256);
  switch (modelVersion.runnerKind) {
    case "predictions":
      return createPredictionsRunner({ modelVersionId: modelVersion.id }, deps);
    case "onnx": {
      const config = parseStored(storedOnnxRunnerConfigSchema, modelVersion.runnerConfig, "onnx");
      return createOnnxRunner({
        model: () => deps.readBlob(config.model.sha256),
        config: { input: config.input, output: config.output },
        fileName: config.model.fileName,
        threads: onnxThreads(),
        workers: onnxWorkers(),
        classCount: modelVersion.classCount,
        readImage,
      });
    }
    case "http": {
      const config = parseStored(storedHttpRunnerConfigSchema, modelVersion.runnerConfig, "http");
      return createHttpRunner({ config, classCount: modelVersion.classCount, readImage });
    }
    default:
      throw new AppError("invalid_input", `Runner kind "${modelVersion.runnerKind}" is not available in this version of Intersect.`);
  }
}

function parseStored<T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false } }, raw: unknown, kind: string): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("invalid_input", `This model version's ${kind} runner config is not valid; create a new version.`);
  return parsed.data;
}

/**
 * The part of a stored runner config that pages and DTOs may show: the onnx
 * file, its signature and preprocessing; an endpoint's URL without credentials or query string (either may hold a secret), model name and
 * header NAMES only (values such as tokens stay on the server).
 */
export function publicRunnerConfig(runnerKind: string, runnerConfig: unknown): PublicRunnerConfig {
  if (runnerKind === "onnx") {
    const c = storedOnnxRunnerConfigSchema.safeParse(runnerConfig);
    if (c.success) {
      const { model, input, output, signature } = c.data;
      return publicRunnerConfigDto.parse({ kind: "onnx", fileName: model.fileName, bytes: model.bytes, input, output, signature: signature ?? null });
    }
  }
  if (runnerKind === "http") {
    const c = storedHttpRunnerConfigSchema.safeParse(runnerConfig);
    if (c.success) {
      const { url, modelName, headers, preprocess } = c.data;
      return { kind: "http", url: displayUrl(url), modelName, headerNames: Object.keys(headers ?? {}), preprocess: !!preprocess };
    }
  }
  return { kind: "predictions" };
}

