import { encodeLabelMap } from "@/lib/core/masks";
import { onnxConfigSchema } from "@/lib/contracts/onnx-config";
import { claimNextEvaluation } from "@/lib/server/db/evaluation-transitions";
import { createTestDatabase } from "@/lib/server/db/test-database";
import { createEvaluation } from "@/lib/server/evaluation/create";
import { runEvaluation } from "@/lib/server/evaluation/run";
import { startEvaluation } from "@/lib/server/evaluation/start";
import { createEvaluationStore } from "@/lib/server/evaluation/store";
import { createRunner } from "@/lib/server/models/runner";
import { createBlobStore } from "@/lib/server/storage/blob-store";

/** CPU time of this process so far (every thread), in ms. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export interface EngineImage {
  png: Uint8Array;
  mask: Uint8Array;
  width: number;
  height: number;
}

export interface EngineRate {
  /** Images per second from the first write of results to the last (sessions already open). */
  steady: number;
  /** Process CPU time (all threads) per image over the same span as `steady`, in ms: robust to other load on the machine. */
  cpuMsPerImage: number;
}

/** One database and blob store holding the bench dataset, evaluated again and again as a long-running worker would. */
export interface EngineBench {
  /**
   * Registers `model` as a new onnx model version and evaluates it on the
   * dataset with runEvaluation and the real runner (`workers` sessions x
   * `threads` intra-op threads). Give each run a model of its own (e.g.
   * another seed): its predictions are then new blobs, as in a real
   * evaluation, not ones a previous run already stored.
   */
  run(model: Uint8Array, layout: { workers: number; threads: number }): Promise<EngineRate>;
  close(): Promise<void>;
}

/**
 * The evaluation engine end to end, as `npm run worker` runs it: a migrated
 * SQLite database and blob store with a dataset of `count` samples (the
 * images repeated if there are fewer), then per run an onnx model version
 * evaluated by runEvaluation: decode, preprocess, inference, argmax,
 * ground-truth decode, confusion + boundary IoU, the prediction PNG stored,
 * the batched database writes, then the summary. The database client, the
 * JIT and the thread pool stay warm from run to run, as in a worker that has
 * evaluated before; a fresh database per run made every run pay Prisma's
 * WebAssembly compilation and garbage of the last run in its timed span.
 */
export async function openEngineBench(images: EngineImage[], count: number, classes: string[]): Promise<EngineBench> {
  const t = await createTestDatabase("intersect-bench-");
  const blobs = createBlobStore(`${t.dir}/blobs`);
  const user = await t.db.user.create({ data: { email: "bench@x", name: "bench", passwordHash: "x" } });
  const app = await t.db.app.create({ data: { ownerId: user.id, name: "bench" } });
  const classList = classes.map((name, index) => ({ index, name, color: [index * 20, 255 - index * 20, 128] }));
  const config = onnxConfigSchema.parse({ input: { resize: "none", sizeMultiple: 32 }, output: { kind: "scores" } });
  const m = await t.db.model.create({ data: { appId: app.id, name: "bench" } });
  const dataset = await t.db.dataset.create({ data: { appId: app.id, name: "bench" } });
  const version = await t.db.datasetVersion.create({ data: { datasetId: dataset.id, number: 1, classes: classList, ignoreIndex: classes.length, sampleCount: count } });
  const stored = await Promise.all(
    images.map(async (im) => ({
      image: (await blobs.putBlob(im.png)).sha256,
      mask: (await blobs.putBlob(encodeLabelMap({ width: im.width, height: im.height, data: im.mask }))).sha256,
      im,
    })),
  );
  for (let k = 0; k < count; k++) {
    const s = stored[k % stored.length];
    const sample = await t.db.sample.create({
      data: { datasetId: dataset.id, name: `img-${k}`, imageSha256: s.image, imageContentType: "image/png", maskSha256: s.mask, width: s.im.width, height: s.im.height },
    });
    await t.db.datasetVersionSample.create({ data: { datasetVersionId: version.id, sampleId: sample.id, position: k } });
  }
  const store = createEvaluationStore(t.db);
  let versions = 0;

  return {
    async run(model, layout) {
      const modelBlob = await blobs.putBlob(model);
      const mv = await t.db.modelVersion.create({
        data: { modelId: m.id, number: ++versions, runnerKind: "onnx", runnerConfig: { ...config, model: { sha256: modelBlob.sha256, fileName: "bench.onnx", bytes: model.length } }, classes: classList },
      });
      const { id } = await createEvaluation({ ownerId: user.id, input: { modelVersionId: mv.id, datasetId: dataset.id, allowDuplicate: true } }, t.db);
      await startEvaluation({ ownerId: user.id, evaluationId: id }, t.db);
      if ((await claimNextEvaluation(t.db, "bench")) !== id) throw new Error("the bench evaluation was not claimed");
      process.env.ONNX_WORKERS = String(layout.workers);
      process.env.ONNX_THREADS = String(layout.threads);
      try {
        const times: number[] = [];
        /** Time and CPU at the first write and the last (process.cpuUsage costs enough to skew the figure if called per write). */
        const cpu: number[] = [];
        let written = 0;
        let firstBatch = 0;
        const outcome = await runEvaluation(id, {
          store: {
            ...store,
            recordImageResults: async (args) => {
              const kept = await store.recordImageResults(args);
              written += args.results.length;
              if (times.length === 0) firstBatch = args.results.length;
              if (times.length === 0 || written === count) {
                times.push(performance.now());
                cpu.push(cpuMs());
              }
              return kept;
            },
          },
          workerId: "bench",
          // As productionRunDeps (lib/server/evaluation/worker.ts), on this bench's own store.
          readBlob: async (sha) => blobs.readBlobSync(sha),
          storeBlob: async (bytes) => blobs.putBlobSync(bytes).sha256,
          createRunner: (modelVersion) => createRunner(modelVersion, { readBlob: async (sha) => blobs.readBlobSync(sha), findPredictionMask: async () => null }),
        });
        if (outcome !== "succeeded") throw new Error(`the bench evaluation ended ${outcome}: ${(await t.db.evaluation.findUnique({ where: { id } }))?.error}`);
        const timed = count - firstBatch;
        return { steady: timed / ((times[1] - times[0]) / 1000), cpuMsPerImage: (cpu[1] - cpu[0]) / timed };
      } finally {
        delete process.env.ONNX_WORKERS;
        delete process.env.ONNX_THREADS;
      }
    },
    close: () => t.cleanup(),
  };
}
