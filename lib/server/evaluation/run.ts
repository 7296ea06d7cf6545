import { AppError } from "@/lib/core/errors";
import type { Db } from "@/lib/server/db/client";
import { listVersionSamples } from "@/lib/server/db/datasets";
import { encodeLabelMap } from "@/lib/core/masks";
import { createScorePairScratch } from "@/lib/core/metrics";
import { decodeMask } from "@/lib/server/masks/decode-mask";
import type { Runner } from "@/lib/server/models/runner";
import { buildPredLut, type ClassEntry } from "./class-mapping";
import { finalizeEvaluation } from "./finalize";
import { scoreImage } from "./score-image";
import { parseEvaluationSettings } from "./settings";
import { transitionEvaluation } from "./status";

export interface RunDeps {
  db: Db;
  readBlob(sha256: string): Promise<Uint8Array>;
  /** Stores bytes content-addressed and returns their sha256 (used to keep each image's prediction). */
  storeBlob(bytes: Uint8Array): Promise<string>;
  createRunner(modelVersion: { id: string; runnerKind: string; runnerConfig: unknown }): Runner;
  workerId: string;
  /** Milliseconds between heartbeats (also how soon a cancel is noticed). */
  heartbeatMs?: number;
}

export type RunOutcome = "succeeded" | "failed" | "cancelled" | "lost";

/**
 * Runs one claimed evaluation to its end. Resumes where a previous attempt
 * stopped: images that already have a result are skipped, and each image's
 * result is written together with the progress counter in one transaction
 * that also checks the run still belongs to this worker — so an image is
 * never counted twice and a finished image is never lost. A cancel or a
 * lost claim stops the run at the next image; an error fails it with a
 * message naming the file (finished images are kept for a retry).
 */
export async function runEvaluation(evaluationId: string, deps: RunDeps): Promise<RunOutcome> {
  const { db, workerId } = deps;
  try {
    const evaluation = await db.evaluation.findUniqueOrThrow({
      where: { id: evaluationId },
      select: {
        settings: true,
        modelVersion: { select: { id: true, runnerKind: true, runnerConfig: true, classes: true } },
        datasetVersion: { select: { id: true, classes: true } },
      },
    });
    const settings = parseEvaluationSettings(evaluation.settings);
    const datasetClasses = evaluation.datasetVersion.classes as unknown as ClassEntry[];
    const modelClasses = evaluation.modelVersion.classes as unknown as ClassEntry[];
    const numClasses = datasetClasses.length;
    const ignoreValues = settings.ignoreIndex === null ? [] : [settings.ignoreIndex];
    const predLut = buildPredLut(modelClasses, datasetClasses, settings.classMapping);

    const samples = await listVersionSamples({ datasetVersionId: evaluation.datasetVersion.id }, db);
    const done = new Set(
      (await db.evaluationSampleResult.findMany({ where: { evaluationId }, select: { sampleId: true } })).map((r) => r.sampleId),
    );
    await db.evaluation.updateMany({
      where: { id: evaluationId, workerId },
      data: { progressTotal: samples.length, progressDone: done.size, heartbeatAt: new Date() },
    });

    const runner = deps.createRunner(evaluation.modelVersion);
    const scratch = createScorePairScratch(numClasses);
    try {
      for (const sample of samples) {
        if (done.has(sample.id)) continue;
        const started = performance.now();
        const gt = decodeMask(await deps.readBlob(sample.maskSha256), { fileName: `${sample.name} (ground truth)` });
        const pred = await runner.predict(sample);
        const scored = scoreImage(sample.name, gt, pred, { numClasses, ignoreValues, predLut }, scratch);
        const predictionSha256 = pred.storedSha256 ?? (await deps.storeBlob(encodeLabelMap(pred)));
        const kept = await db.$transaction(async (tx) => {
          const owned = await tx.evaluation.updateMany({
            where: { id: evaluationId, status: "running", workerId },
            data: { progressDone: { increment: 1 }, heartbeatAt: new Date() },
          });
          if (owned.count !== 1) return false;
          await tx.evaluationSampleResult.create({
            data: {
              evaluationId,
              sampleId: sample.id,
              confusion: scored.confusion,
              boundary: scored.boundary,
              miou: Number.isNaN(scored.miou) ? null : scored.miou,
              pixelAccuracy: Number.isNaN(scored.pixelAccuracy) ? null : scored.pixelAccuracy,
              evaluatedPixels: scored.evaluatedPixels,
              predictionSha256,
              durationMs: Math.round(performance.now() - started),
            },
          });
          return true;
        });
        if (!kept) return await stoppedOutcome(db, evaluationId);
      }
    } finally {
      await runner.close?.();
    }
    const finished = await finalizeEvaluation(db, { evaluationId, workerId, numClasses, datasetClasses, settings });
    return finished ? "succeeded" : await stoppedOutcome(db, evaluationId);
  } catch (error) {
    const message = error instanceof AppError ? error.message : "The evaluation failed because of an internal error. Try again.";
    if (!(error instanceof AppError)) console.error(`[evaluation ${evaluationId}]`, error);
    const failed = await transitionEvaluation(db, {
      evaluationId,
      from: ["running"],
      to: "failed",
      workerId,
      data: { error: message, finishedAt: new Date() },
    });
    return failed ? "failed" : await stoppedOutcome(db, evaluationId);
  }
}

async function stoppedOutcome(db: Db, evaluationId: string): Promise<RunOutcome> {
  const row = await db.evaluation.findUnique({ where: { id: evaluationId }, select: { status: true } });
  return row?.status === "cancelled" ? "cancelled" : "lost";
}
