import "server-only";
import { aggregate, bootstrapMiou, metricContract, nanToNull, sumConfusions, toDenseRows } from "@/lib/core/metrics";
import type { ClassEntry } from "@/lib/contracts/classes";
import type { EvaluationSettings } from "@/lib/contracts/evaluation-settings";
import { evaluationSummarySchema } from "@/lib/contracts/evaluation-summary";
import { resultsByTag, tagsKey } from "./by-tag";
import { toImageResult, type EvaluationStore } from "./store";

/** Resamples of the percentile bootstrap stored with every evaluation. */
export const SUMMARY_BOOTSTRAP = { resamples: 1000, seed: 0, confidence: 0.95 } as const;

const nullable = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * Recomputes every aggregate from the stored per-image matrices (so the
 * numbers never depend on the order or the attempt in which images were
 * scored), then writes the per-class rows and the summary and marks the run
 * succeeded in one step that only commits while this worker still owns the
 * running evaluation. Returns false when it no longer does.
 */
export async function finalizeEvaluation(
  store: EvaluationStore,
  args: { evaluationId: string; workerId: string; numClasses: number; datasetClasses: readonly ClassEntry[]; settings: EvaluationSettings },
): Promise<boolean> {
  const { evaluationId, workerId, numClasses, datasetClasses, settings } = args;
  const images = (await store.listImageResults(evaluationId)).map((stored) => toImageResult(stored, numClasses));
  const result = aggregate(images, numClasses, { iouThreshold: settings.iouThreshold });
  const ci = bootstrapMiou(images.map((i) => i.confusion), SUMMARY_BOOTSTRAP);
  const ds = result.datasetLevel;
  const ignoreValues = settings.ignoreIndex === null ? [] : [settings.ignoreIndex];
  const summary = evaluationSummarySchema.parse(
    nanToNull({
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
      byTagKey: tagsKey(images),
      perClassIouCi: ci.perClass.map((interval) => ({ low: interval.low, high: interval.high })),
      confusion: toDenseRows(sumConfusions(numClasses, images.map((i) => i.confusion))),
      miouCi: { low: ci.miou.low, high: ci.miou.high, confidence: ci.confidence, resamples: ci.resamples, seed: ci.seed },
      contract: metricContract({ ignoreValues, iouThreshold: settings.iouThreshold, bootstrap: SUMMARY_BOOTSTRAP }),
    }),
  );
  const classResults = ds.perClass.map((c) => ({
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
  }));
  return store.finish({ evaluationId, workerId, summary, classResults, progressDone: images.length });
}
