import "server-only";
import { THRESHOLD_STEPS, thresholdAt } from "@/lib/core/metrics";
import type { ThresholdResultDto } from "@/lib/contracts/results";
import type { ImageIndex } from "./image-index";

const nullable = (x: number) => (Number.isFinite(x) ? x : null);

/** "Correct at IoU >= t" from the stored per-image results (no re-run), with the share-correct curve over t = 0.05..0.95. */
export function thresholdResult(index: ImageIndex, t: number): ThresholdResultDto {
  const at = thresholdAt(index.threshold, t);
  return {
    t,
    correct: at.correct,
    total: at.total,
    share: nullable(at.share),
    perClass: at.perClass,
    curve: THRESHOLD_STEPS.map((s) => {
      const p = thresholdAt(index.threshold, s);
      return { t: s, correct: p.correct, total: p.total };
    }),
  };
}
