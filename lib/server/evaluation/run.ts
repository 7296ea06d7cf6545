import "server-only";
import { AppError } from "@/lib/core/errors";
import { createScorePairScratch } from "@/lib/core/metrics";
import { decodeMask } from "@/lib/server/masks/decode-mask";
import { encodeMask } from "@/lib/server/masks/encode-mask";
import { predictInFlight } from "@/lib/server/models/http/in-flight";
import type { RunnableModelVersion, Runner, RunnerSample } from "@/lib/server/models/runner";
import { buildPredLut } from "./class-mapping";
import { finalizeEvaluation } from "./finalize";
import { scoreImage } from "./score-image";
import type { EvaluationStore, RunInput } from "./store";

export interface RunDeps {
  store: EvaluationStore;
  readBlob(sha256: string): Promise<Uint8Array>;
  /** Stores bytes content-addressed and returns their sha256 (used to keep each image's prediction). */
  storeBlob(bytes: Uint8Array): Promise<string>;
  createRunner(modelVersion: RunInput["modelVersion"] & Pick<RunnableModelVersion, "classCount">): Runner;
  workerId: string;
  /** Finished images stored per write at most (default RESULT_BATCH; 1 = every image on its own). */
  resultBatch?: number;
}

/**
 * Finished images written together when they come quickly: one transaction
 * (and one progress update) per batch instead of per image. A batch is
 * written once it holds this many results or its first result is
 * BATCH_WAIT_MS old, so a slow model still shows each image as it finishes.
 */
export const RESULT_BATCH = 8;
const BATCH_WAIT_MS = 250;

type ResultRow = Parameters<EvaluationStore["recordImageResults"]>[0]["results"][number];

/** Collects results and writes them through `write`; `add` and `flush` resolve false once the run is no longer owned. */
function createResultBatch(size: number, write: (results: ResultRow[]) => Promise<boolean>) {
  let pending: ResultRow[] = [];
  let since = 0;
  const flush = async (): Promise<boolean> => {
    if (pending.length === 0) return true;
    const results = pending;
    pending = [];
    return write(results);
  };
  return {
    flush,
    async add(result: ResultRow): Promise<boolean> {
      if (pending.length === 0) since = performance.now();
      pending.push(result);
      return pending.length >= size || performance.now() - since >= BATCH_WAIT_MS ? flush() : true;
    },
  };
}

export type RunOutcome = "succeeded" | "failed" | "cancelled" | "lost";

const nullable = (x: number) => (Number.isNaN(x) ? null : x);

/**
 * Runs one claimed evaluation to its end. Resumes where a previous attempt
 * stopped: images that already have a result are skipped, and each image's
 * result is stored together with the progress counter in one step that also
 * checks the run still belongs to this worker — so an image is never counted
 * twice and a finished image is never lost. A cancel or a lost claim stops
 * the run at the next image; an error fails it with a message naming the
 * file (finished images are kept for a retry).
 */
export async function runEvaluation(evaluationId: string, deps: RunDeps): Promise<RunOutcome> {
  const { store, workerId } = deps;
  try {
    const { settings, datasetClasses, modelClasses, modelVersion, samples } = await store.loadRunInput(evaluationId);
    const numClasses = datasetClasses.length;
    const ignoreValues = settings.ignoreIndex === null ? [] : [settings.ignoreIndex];
    const predLut = buildPredLut(modelClasses, datasetClasses, settings.classMapping);
    const done = await store.listDoneSampleIds(evaluationId);
    await store.setProgressTotal({ evaluationId, workerId, total: samples.length, done: done.size });

    const runner = deps.createRunner({ ...modelVersion, classCount: modelClasses.length });
    const scratch = createScorePairScratch(numClasses);
    const startedAt = new Map<string, number>();
    function* pending(): Generator<RunnerSample> {
      for (const sample of samples) {
        if (done.has(sample.id)) continue;
        startedAt.set(sample.id, performance.now());
        yield sample;
      }
    }
    const byId = new Map(samples.map((s) => [s.id, s]));
    // Several images in flight: the next ones decode and infer while this one is scored and written.
    const outcomes = runner.predictMany ? runner.predictMany(pending()) : predictInFlight(pending(), 2, (s) => runner.predict(s));
    // A busy database (e.g. an import's final step) delays the write, it does not fail the run: the db layer retries.
    const batch = createResultBatch(deps.resultBatch ?? RESULT_BATCH, (results) => store.recordImageResults({ evaluationId, workerId, results }));
    try {
      for await (const outcome of outcomes) {
        let result;
        try {
          if (outcome.error) throw outcome.error;
          const sample = byId.get(outcome.sample.id)!;
          const pred = outcome.prediction;
          // Inflated straight into wasm slot 1 when the kernels are loaded (no buffer per image; the pair
          // counting then copies only the prediction into slot 0). A view there lasts until the next
          // await: the image decodes of the next samples use the slots too.
          const gt = decodeMask(await deps.readBlob(sample.maskSha256), { fileName: `${sample.name} (ground truth)`, wasmSlot: 1 });
          const scored = scoreImage(sample.name, gt, pred, { numClasses, ignoreValues, predLut }, scratch);
          const predictionSha256 = pred.storedSha256 ?? (await deps.storeBlob(encodeMask(pred)));
          result = {
            sampleId: sample.id,
            confusion: scored.confusion,
            boundary: scored.boundary,
            miou: nullable(scored.miou),
            pixelAccuracy: nullable(scored.pixelAccuracy),
            evaluatedPixels: scored.evaluatedPixels,
            predictionSha256,
            durationMs: Math.round(performance.now() - (startedAt.get(sample.id) ?? performance.now())),
          };
        } catch (error) {
          // The images finished before this one are kept for a retry.
          if (!(await batch.flush())) return await stoppedOutcome(store, evaluationId);
          throw error;
        }
        if (!(await batch.add(result))) return await stoppedOutcome(store, evaluationId);
      }
      if (!(await batch.flush())) return await stoppedOutcome(store, evaluationId);
    } finally {
      await runner.close?.();
    }
    const finished = await finalizeEvaluation(store, { evaluationId, workerId, numClasses, datasetClasses, settings });
    return finished ? "succeeded" : await stoppedOutcome(store, evaluationId);
  } catch (error) {
    const message = error instanceof AppError ? error.message : "The evaluation failed because of an internal error. Try again.";
    if (!(error instanceof AppError)) console.error(`[evaluation ${evaluationId}]`, error);
    const failed = await store.fail({ evaluationId, workerId, error: message });
    return failed ? "failed" : await stoppedOutcome(store, evaluationId);
  }
}

async function stoppedOutcome(store: EvaluationStore, evaluationId: string): Promise<RunOutcome> {
  return (await store.currentStatus(evaluationId)) === "cancelled" ? "cancelled" : "lost";
}
