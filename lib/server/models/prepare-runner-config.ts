import "server-only";
import { AppError, issueLines } from "@/lib/core/errors";
import { httpEndpointConfigSchema, type HttpEndpointConfig } from "@/lib/contracts/http-endpoint-config";
import { onnxConfigSchema } from "@/lib/contracts/onnx-config";
import type { RunnerConfig, RunnerKind, StoredOnnxRunnerConfig } from "@/lib/contracts/runner-config";
import { testConnection } from "./http/test-connection";
import { inspectOnnxModel } from "./onnx/onnx-runner";

/** An uploaded .onnx file, already stored as a blob. */
export interface StoredModelFile {
  sha256: string;
  fileName: string;
  bytes: number;
}

export interface RunnerSetup {
  runnerKind: RunnerKind;
  /** onnx: the stored model file. */
  onnxFile?: StoredModelFile;
  /** onnx: the preprocessing config (JSON as given; defaults filled in). http: `{url, modelName, headers?, preprocess?}`. */
  config?: unknown;
  classCount: number;
  readBlob(sha256: string): Promise<Uint8Array>;
  /** http: skip the metadata request (tests of unrelated paths only). */
  skipEndpointCheck?: boolean;
}

/** Zod problems as one readable line each, prefixed with what was parsed. */
function configProblem(what: string, issues: { path: PropertyKey[]; message: string }[]): never {
  const lines = issueLines(issues);
  throw new AppError("invalid_input", `${what}: ${lines.join("; ")}`, { fieldErrors: { config: lines } });
}

/**
 * Checks what a new version's runner needs and returns the config to store,
 * before anything is written: an onnx file must load in onnxruntime and its
 * signature must fit the preprocessing config (stored with the signature for
 * display); an http endpoint must answer its metadata request and be
 * feedable (its headers are stored server-side only). Throws AppError
 * ("invalid_input") naming the file or the endpoint.
 */
export async function prepareRunnerConfig(setup: RunnerSetup): Promise<RunnerConfig> {
  switch (setup.runnerKind) {
    case "predictions":
      return {};
    case "onnx": {
      if (!setup.onnxFile) throw new AppError("invalid_input", "An onnx model version needs its .onnx file.", { fieldErrors: { file: ["Choose the .onnx file."] } });
      const parsed = onnxConfigSchema.safeParse(setup.config ?? {});
      if (!parsed.success) configProblem("The preprocessing config is not valid", parsed.error.issues);
      const file = setup.onnxFile;
      const signature = await inspectOnnxModel(await setup.readBlob(file.sha256), parsed.data, { fileName: file.fileName, classCount: setup.classCount });
      const stored: StoredOnnxRunnerConfig = { ...parsed.data, model: file, signature };
      return JSON.parse(JSON.stringify(stored)) as RunnerConfig;
    }
    case "http": {
      const parsed = httpEndpointConfigSchema.safeParse(setup.config ?? {});
      if (!parsed.success) configProblem("The endpoint config is not valid", parsed.error.issues);
      if (!setup.skipEndpointCheck) await checkEndpoint(parsed.data, setup.classCount);
      return JSON.parse(JSON.stringify(parsed.data)) as RunnerConfig;
    }
  }
}

/** Reads the endpoint's metadata and checks it can be fed; the endpoint's own message on failure. */
export async function checkEndpoint(config: HttpEndpointConfig, classCount?: number) {
  return testConnection(config, { probe: false, classCount, timeoutMs: 10_000, retries: 0 });
}
