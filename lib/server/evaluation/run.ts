import "server-only";
import { AppError } from "@/lib/core/errors";
import { createScorePairScratch } from "@/lib/core/metrics";
import { withBusyRetry } from "@/lib/server/db/busy-retry";
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
    try {
      for await (const outcome of outcomes) {
        if (outcome.error) throw outcome.error;
        const sample = byId.get(outcome.sample.id)!;
        const pred = outcome.prediction;
        const gt = decodeMask(await deps.readBlob(sample.maskSha256), { fileName: `${sample.name} (ground truth)` });
        const scored = scoreImage(sample.name, gt, pred, { numClasses, ignoreValues, predLut }, scratch);
        const predictionSha256 = pred.storedSha256 ?? (await deps.storeBlob(await encodeMask(pred)));
        // A busy database (e.g. an import's final step) delays the write; it does not fail the run.
        const kept = await withBusyRetry(() => store.recordImageResult({
          evaluationId,
          workerId,
          result: {
            sampleId: sample.id,
            confusion: scored.confusion,
            boundary: scored.boundary,
            miou: nullable(scored.miou),
            pixelAccuracy: nullable(scored.pixelAccuracy),
            evaluatedPixels: scored.evaluatedPixels,
            predictionSha256,
            durationMs: Math.round(performance.now() - (startedAt.get(sample.id) ?? performance.now())),
          },
        }));
        if (!kept) return await stoppedOutcome(store, evaluationId);
      }
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
