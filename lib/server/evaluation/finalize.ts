import type { Db } from "@/lib/server/db/client";
import { aggregate, bootstrapMiou, fromSparse, metricContract, nanToNull, type ImageResult } from "@/lib/core/metrics";
import { resultsByTag } from "./by-tag";
import type { ClassEntry } from "./class-mapping";
import type { EvaluationSettings } from "./settings";
import { transitionEvaluation } from "./status";

/** Resamples of the percentile bootstrap stored with every evaluation. */
export const SUMMARY_BOOTSTRAP = { resamples: 1000, seed: 0, confidence: 0.95 } as const;

const nullable = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Recomputes every aggregate from the stored per-image matrices (so the
 * numbers never depend on the order or the attempt in which images were
 * scored), writes the per-class rows and the summary, and marks the run
 * succeeded — all in one transaction that only commits while this worker
 * still owns the running evaluation. Returns false when it no longer does.
 */
export async function finalizeEvaluation(
  db: Db,
  args: { evaluationId: string; workerId: string; numClasses: number; datasetClasses: readonly ClassEntry[]; settings: EvaluationSettings },
): Promise<boolean> {
  const { evaluationId, workerId, numClasses, datasetClasses, settings } = args;
  const rows = await db.evaluationSampleResult.findMany({
    where: { evaluationId },
    orderBy: { sampleId: "asc" },
    select: { confusion: true, boundary: true, sample: { select: { name: true, tags: { select: { tag: true } } } } },
  });
  const images: ImageResult[] = rows.map((row) => {
    const boundary = row.boundary as { intersection: number[]; union: number[] } | null;
    return {
      name: row.sample.name,
      confusion: fromSparse(numClasses, row.confusion as [number, number, number][]),
      boundary: boundary
        ? { numClasses, intersection: Float64Array.from(boundary.intersection), union: Float64Array.from(boundary.union) }
        : undefined,
      tags: row.sample.tags.map((t) => t.tag),
    };
  });
  const result = aggregate(images, numClasses, { iouThreshold: settings.iouThreshold });
  const ci = bootstrapMiou(images.map((i) => i.confusion), SUMMARY_BOOTSTRAP);
  const ds = result.datasetLevel;
  const ignoreValues = settings.ignoreIndex === null ? [] : [settings.ignoreIndex];
  const summary = nanToNull({
    images: images.length,
    miou: ds.miou,
    mdice: ds.mdice,
    pixelAccuracy: ds.pixelAccuracy,
    meanClassAccuracy: ds.meanClassAccuracy,
    fwIou: ds.fwIou,
    evaluatedPixels: ds.evaluatedPixels,
    perImageMiou: result.perImageMean.miou,
    threshold: result.threshold.t,
    thresholdCorrect: result.threshold.correct,
    thresholdTotal: result.threshold.total,
    thresholdShare: result.threshold.share,
    boundaryMiou: result.boundary?.mean ?? NaN,
    byTag: resultsByTag(images, numClasses),
    perClassIouCi: ci.perClass.map((interval) => ({ low: interval.low, high: interval.high })),
    miouCi: { low: ci.miou.low, high: ci.miou.high, confidence: ci.confidence, resamples: ci.resamples, seed: ci.seed },
    contract: metricContract({ ignoreValues, iouThreshold: settings.iouThreshold, bootstrap: SUMMARY_BOOTSTRAP }),
  });
  return db.$transaction(async (tx) => {
    const owned = await transitionEvaluation(tx, {
      evaluationId,
      from: ["running"],
      to: "succeeded",
      workerId,
      data: { summary: summary as object, finishedAt: new Date(), progressDone: images.length, error: null },
    });
    if (!owned) return false;
    await tx.evaluationClassResult.deleteMany({ where: { evaluationId } });
    await tx.evaluationClassResult.createMany({
      data: ds.perClass.map((c) => ({
        evaluationId,
        classIndex: c.index,
        name: datasetClasses[c.index]?.name ?? `class ${c.index}`,
        iou: nullable(c.iou),
        dice: nullable(c.dice),
        precision: nullable(c.precision),
        recall: nullable(c.recall),
        boundaryIou: nullable(result.boundary?.perClass[c.index] ?? NaN),
        tp: c.tp,
        fp: c.fp,
        fn: c.fn,
        gtPixels: c.gtPixels,
        predPixels: c.predPixels,
        imagesPresent: result.imagesPresent[c.index] ?? 0,
      })),
    });
    return true;
  });
}
