import { describe, expect, it } from "vitest";
import { encode } from "fast-png";
import { AppError } from "@/lib/core/errors";
import { decodeLabelMap, type LabelMap } from "@/lib/core/masks";
import type { EvaluationStatus } from "@/lib/contracts/evaluation-status";
import type { ClassResultRow, ImageResultRow } from "@/lib/server/db/evaluation-transitions";
import type { Runner } from "@/lib/server/models/runner";
import { runEvaluation, type RunDeps } from "./run";
import type { EvaluationStore, RunInput, StoredImageResult } from "./store";

const W = 6;
const H = 4;
const CLASSES = [
  { index: 0, name: "bg", color: [0, 0, 0] as [number, number, number] },
  { index: 1, name: "road", color: [128, 64, 128] as [number, number, number] },
  { index: 2, name: "car", color: [0, 0, 142] as [number, number, number] },
  { index: 3, name: "never", color: [9, 9, 9] as [number, number, number] },
];

/** Three images over classes 0..2 (class 3 never appears), pixel 0 void (255). */
function world() {
  const blobs = new Map<string, Uint8Array>();
  const truth = new Map<string, LabelMap>();
  const samples: RunInput["samples"] = [];
  for (let k = 0; k < 3; k++) {
    const data = Uint8Array.from({ length: W * H }, (_, i) => (i === 0 ? 255 : (i + k) % 3));
    const png = encode({ width: W, height: H, data, channels: 1, depth: 8 });
    const sha = String(k).padStart(64, "0");
    blobs.set(sha, png);
    truth.set(`s${k}`, decodeLabelMap(png));
    samples.push({ id: `id${k}`, name: `s${k}`, imageSha256: sha, maskSha256: sha, width: W, height: H, tags: k === 0 ? ["night"] : [] });
  }
  return { blobs, truth, samples };
}

/** An in-memory EvaluationStore; `ownedFor` images are accepted before the claim is lost (Infinity = never lost; a batch that would pass it is refused whole). */
function fakeStore(samples: RunInput["samples"], { ownedFor = Infinity, statusAfterLoss = "running" as EvaluationStatus } = {}) {
  const results = new Map<string, ImageResultRow>();
  /** The size of every batch written, in order. */
  const writes: number[] = [];
  const state = { status: "running" as EvaluationStatus, progressDone: 0, progressTotal: 0, summary: null as unknown, classResults: [] as ClassResultRow[], error: null as string | null };
  const input: RunInput = {
    settings: { ignoreIndex: 255, iouThreshold: 0.5 },
    datasetClasses: CLASSES,
    modelClasses: CLASSES,
    modelVersion: { id: "mv", runnerKind: "predictions", runnerConfig: {} },
    samples,
  };
  const store: EvaluationStore = {
    loadRunInput: async () => input,
    listDoneSampleIds: async () => new Set(results.keys()),
    setProgressTotal: async ({ total, done }) => {
      state.progressTotal = total;
      state.progressDone = done;
    },
    recordImageResults: async ({ results: batch }) => {
      writes.push(batch.length);
      if (results.size + batch.length > ownedFor) {
        state.status = statusAfterLoss;
        return false;
      }
      for (const result of batch) results.set(result.sampleId, result);
      state.progressDone += batch.length;
      return true;
    },
    listImageResults: async (): Promise<StoredImageResult[]> =>
      samples.filter((s) => results.has(s.id)).map((s) => ({ name: s.name, tags: s.tags, confusion: results.get(s.id)!.confusion, boundary: results.get(s.id)!.boundary })),
    finish: async ({ summary, classResults }) => {
      if (state.status !== "running") return false;
      Object.assign(state, { status: "succeeded", summary, classResults });
      return true;
    },
    fail: async ({ error }) => {
      if (state.status !== "running") return false;
      Object.assign(state, { status: "failed", error });
      return true;
    },
    currentStatus: async () => state.status,
  };
  return { store, state, results, writes };
}

function deps(store: EvaluationStore, blobs: Map<string, Uint8Array>, runner: Runner, resultBatch = 1): RunDeps {
  return {
    store,
    resultBatch,
    workerId: "w1",
    readBlob: async (sha) => blobs.get(sha)!,
    storeBlob: async () => "f".repeat(64),
    createRunner: () => runner,
  };
}

describe("runEvaluation on an in-memory store", () => {
  it("gives IoU 1 for every class present when the runner echoes the ground truth, and no IoU for an absent class", async () => {
    const { blobs, truth, samples } = world();
    const { store, state, results } = fakeStore(samples);
    const echo: Runner = { predict: async (s) => truth.get(s.name)! };
    expect(await runEvaluation("e1", deps(store, blobs, echo))).toBe("succeeded");
    expect(state.status).toBe("succeeded");
    expect(results.size).toBe(3);
    expect(state.progressDone).toBe(3);
    expect(state.classResults.map((c) => c.iou)).toEqual([1, 1, 1, null]);
    expect(state.summary).toMatchObject({ images: 3, miou: 1, pixelAccuracy: 1, evaluatedPixels: 3 * (W * H - 1) });
  });

  it("stops as lost without finishing when the claim is lost, and as cancelled when the run was cancelled", async () => {
    const { blobs, truth, samples } = world();
    const echo: Runner = { predict: async (s) => truth.get(s.name)! };
    const lost = fakeStore(samples, { ownedFor: 1 });
    expect(await runEvaluation("e1", deps(lost.store, blobs, echo))).toBe("lost");
    expect(lost.results.size).toBe(1);
    expect(lost.state.summary).toBeNull();
    const cancelled = fakeStore(samples, { ownedFor: 2, statusAfterLoss: "cancelled" });
    expect(await runEvaluation("e1", deps(cancelled.store, blobs, echo))).toBe("cancelled");
    expect(cancelled.results.size).toBe(2);
  });

  it("writes results in batches, each whole or not at all, and keeps a failed run's finished images", async () => {
    const { blobs, truth, samples } = world();
    const echo: Runner = { predict: async (s) => truth.get(s.name)! };
    const batched = fakeStore(samples);
    expect(await runEvaluation("e1", deps(batched.store, blobs, echo, 2))).toBe("succeeded");
    expect(batched.writes).toEqual([2, 1]);
    expect(batched.state.progressDone).toBe(3);
    const lost = fakeStore(samples, { ownedFor: 1 });
    expect(await runEvaluation("e1", deps(lost.store, blobs, echo, 2))).toBe("lost");
    expect([lost.results.size, lost.writes]).toEqual([0, [2]]);
    const failing = fakeStore(samples);
    const flaky: Runner = { predict: async (s) => (s.name === "s2" ? Promise.reject(new AppError("invalid_input", "s2: no prediction.")) : truth.get(s.name)!) };
    expect(await runEvaluation("e1", deps(failing.store, blobs, flaky, 8))).toBe("failed");
    expect([[...failing.results.keys()], failing.writes, failing.state.error]).toEqual([["id0", "id1"], [2], "s2: no prediction."]);
  });

  it("fails with the runner's message naming the file and keeps the finished images", async () => {
    const { blobs, truth, samples } = world();
    const { store, state, results } = fakeStore(samples);
    const flaky: Runner = {
      predict: async (s) => {
        if (s.name === "s1") throw new AppError("invalid_input", "s1: no prediction.");
        return truth.get(s.name)!;
      },
    };
    expect(await runEvaluation("e1", deps(store, blobs, flaky))).toBe("failed");
    expect(state.error).toBe("s1: no prediction.");
    expect([...results.keys()]).toEqual(["id0"]);
  });
});
