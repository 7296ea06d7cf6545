import { availableParallelism } from "node:os";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/core/errors";
import { createRunner, onnxThreads, onnxWorkers, publicRunnerConfig } from "./runner";

const deps = { readBlob: async () => new Uint8Array(), findPredictionMask: async () => null };
const sha = "a".repeat(64);

describe("runner registry", () => {
  it("builds a runner per kind and refuses unknown kinds or broken configs", () => {
    expect(createRunner({ id: "v", runnerKind: "predictions", runnerConfig: {} }, deps).predict).toBeTypeOf("function");
    expect(createRunner({ id: "v", runnerKind: "onnx", runnerConfig: { model: { sha256: sha, fileName: "m.onnx", bytes: 10 } } }, deps).predictMany).toBeTypeOf("function");
    expect(createRunner({ id: "v", runnerKind: "http", runnerConfig: { url: "http://127.0.0.1:9", modelName: "m" } }, deps).predictMany).toBeTypeOf("function");
    expect(() => createRunner({ id: "v", runnerKind: "onnx", runnerConfig: {} }, deps)).toThrow(AppError);
    expect(() => createRunner({ id: "v", runnerKind: "torch", runnerConfig: {} }, deps)).toThrow(/not available/);
  });

  it("never exposes header values or URL credentials in the public view", () => {
    const view = publicRunnerConfig("http", { url: "https://user:secret@infer.example/base/", modelName: "seg", headers: { Authorization: "Bearer t0ps3cret" } });
    expect(view).toEqual({ kind: "http", url: "https://infer.example/base", modelName: "seg", headerNames: ["Authorization"], preprocess: false });
    expect(JSON.stringify(view)).not.toMatch(/secret|t0ps3cret/);
    // A key in the query string is a secret too.
    const keyed = publicRunnerConfig("http", { url: "https://infer.example/v1?api_key=SECRET123&x=1", modelName: "seg" });
    expect(keyed).toMatchObject({ url: "https://infer.example/v1" });
    expect(JSON.stringify(keyed)).not.toContain("SECRET123");
  });

  it("shows an onnx version's file, signature and preprocessing, not its blob id", () => {
    const view = publicRunnerConfig("onnx", { model: { sha256: sha, fileName: "m.onnx", bytes: 10 }, signature: { inputs: [], outputs: [] } });
    expect(view).toMatchObject({ kind: "onnx", fileName: "m.onnx", bytes: 10, input: { layout: "nchw" }, output: { kind: "scores" } });
    expect(JSON.stringify(view)).not.toContain(sha);
  });
});

describe("onnx session layout", () => {
  afterEach(() => vi.unstubAllEnvs());
  it("inside Next keeps a core for requests; elsewhere one single-thread session per core (up to four); env overrides", () => {
    const cores = availableParallelism();
    vi.stubEnv("NEXT_RUNTIME", "nodejs");
    expect(onnxWorkers()).toBeGreaterThanOrEqual(1);
    expect(onnxWorkers() * onnxThreads()).toBeLessThanOrEqual(Math.max(1, cores - 1));
    vi.stubEnv("NEXT_RUNTIME", "");
    const sessions = Math.min(4, cores);
    expect([onnxWorkers(), onnxThreads()]).toEqual([sessions, Math.floor(cores / sessions)]);
    vi.stubEnv("ONNX_WORKERS", "0");
    vi.stubEnv("ONNX_THREADS", "3");
    expect([onnxWorkers(), onnxThreads()]).toEqual([0, 3]);
  });
});
