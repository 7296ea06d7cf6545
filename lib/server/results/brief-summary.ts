import "server-only";
import type { EvaluationSummaryBriefDto } from "@/lib/contracts/evaluation-status";
import type { EvaluationSummary } from "@/lib/contracts/evaluation-summary";

/** The headline figures of a stored summary, as GET /api/v1/evaluations/:id gives them (no matrices, no per-tag rows). */
export function briefSummary(s: EvaluationSummary): EvaluationSummaryBriefDto {
  return {
    images: s.images,
    miou: s.miou,
    mdice: s.mdice,
    pixelAccuracy: s.pixelAccuracy,
    meanClassAccuracy: s.meanClassAccuracy,
    fwIou: s.fwIou,
    perImageMiou: s.perImageMiou,
    boundaryMiou: s.boundaryMiou,
    threshold: s.threshold,
    thresholdShare: s.thresholdShare,
    miouCi: { low: s.miouCi.low, high: s.miouCi.high, confidence: s.miouCi.confidence },
  };
}
