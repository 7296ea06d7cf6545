import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/core/errors";
import { splitHeaderLine } from "@/lib/contracts/http-endpoint-config";
import { displayUrl } from "@/lib/server/models/http/oip-client";
import { storedOnnxRunnerConfigSchema, type RunnerConfig } from "@/lib/contracts/runner-config";
import { prepareRunnerConfig } from "@/lib/server/models/prepare-runner-config";
import type { BlobStore } from "@/lib/server/storage/blob-store";

/** Where a model version's predictions come from on the command line: an .onnx file or an OIP v2 endpoint. */
export type RunnerSource =
  | { kind: "onnx"; onnxFile: string; configFile?: string }
  | { kind: "http"; url: string; modelName: string; headers: Record<string, string>; configFile?: string };

/** What the summary line shows of the prepared runner. */
export interface PreparedRunner {
  runnerKind: "onnx" | "http";
  runnerConfig: RunnerConfig;
  /** e.g. `onnx model street.onnx (input: float32 [1, 3, 144, 192]; output: float32 [1, 9, 144, 192])`. */
  description: string;
}

/**
 * `--header 'Name: value'` values as a header record; a line without a
 * colon or with an empty name is a usage problem (returned as its message).
 */
export function parseHeaderFlags(lines: readonly string[]): Record<string, string> | string {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const header = splitHeaderLine(line);
    if (!header) return `--header must look like 'Name: value' (got "${line}")`;
    headers[header[0]] = header[1];
  }
  return headers;
}

/**
 * `DATASET` or `DATASET:VERSION` of `--trained-on` (DATASET may be
 * `APP/DATASET`). The text after the last ":" is the version, so a dataset
 * whose name has a ":" is named with its version (`a:b:2`). A version that
 * is not a whole number ≥ 1, or no name before the ":", is a usage problem
 * (returned as its message).
 */
export function parseTrainedOn(value: string): { datasetName: string; number?: number } | string {
  const colon = value.lastIndexOf(":");
  if (colon < 0) return { datasetName: value.trim() };
  const datasetName = value.slice(0, colon).trim();
  const version = value.slice(colon + 1).trim();
  if (!datasetName) return `--trained-on ${value}: no dataset name before ":" (DATASET[:VERSION])`;
  if (!/^\d+$/.test(version)) return `--trained-on ${value}: "${version}" is not a version number (DATASET[:VERSION]; a dataset with ":" in its name needs its version, e.g. "a:b:2")`;
  const number = Number(version);
  if (number < 1 || !Number.isSafeInteger(number)) return `--trained-on ${value}: version ${version} does not exist (versions are numbered from 1)`;
  return { datasetName, number };
}

async function readJsonFile(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new AppError("invalid_input", `${file}: ${what} not found.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid_input", `${file}: ${what} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/**
 * Stores the .onnx file as a blob and checks it loads and fits its
 * preprocessing config, or reads the endpoint's metadata — before anything is
 * written to the database. Errors name the file or the endpoint.
 */
export async function prepareRunnerSource(source: RunnerSource, classCount: number, store: BlobStore): Promise<PreparedRunner> {
  const config = source.configFile ? await readJsonFile(source.configFile, "preprocessing config") : undefined;
  if (source.kind === "http") {
    const endpoint = { url: source.url, modelName: source.modelName, ...(Object.keys(source.headers).length ? { headers: source.headers } : {}), ...(config ? { preprocess: config } : {}) };
    const runnerConfig = await prepareRunnerConfig({ runnerKind: "http", config: endpoint, classCount, readBlob: (sha) => store.readBlob(sha) });
    const headerNames = Object.keys(source.headers);
    const headerText = headerNames.length ? `, headers ${headerNames.join(", ")} stored server-side` : "";
    return { runnerKind: "http", runnerConfig, description: `endpoint ${displayUrl(source.url)} model ${source.modelName}${headerText}` };
  }
  const info = await stat(source.onnxFile).catch(() => null);
  if (!info?.isFile()) throw new AppError("invalid_input", `${source.onnxFile}: model file not found.`);
  const fileName = path.basename(source.onnxFile);
  const blob = await store.putBlob(createReadStream(source.onnxFile), { label: fileName });
  const runnerConfig = await prepareRunnerConfig({
    runnerKind: "onnx",
    config: config ?? {},
    onnxFile: { sha256: blob.sha256, fileName, bytes: blob.size },
    classCount,
    readBlob: (sha) => store.readBlob(sha),
  });
  return { runnerKind: "onnx", runnerConfig, description: `onnx model ${fileName} (${describeSignature(runnerConfig)})` };
}

function describeSignature(runnerConfig: RunnerConfig): string {
  const parsed = storedOnnxRunnerConfigSchema.safeParse(runnerConfig);
  const signature = parsed.success ? parsed.data.signature : undefined;
  const one = (t: { type: string; dims: (number | string)[] } | undefined) => (t ? `${t.type} [${t.dims.join(", ")}]` : "?");
  return `input ${one(signature?.inputs[0])}, output ${one(signature?.outputs[0])}`;
}
