import type { EvaluationSummary as EvaluationSummaryJson } from "@/lib/contracts/evaluation-summary";
import { formatMetric } from "@/lib/core/format";

/** The headline numbers of a finished evaluation, each with how it was computed. */
export function EvaluationSummary({ summary: s }: { summary: EvaluationSummaryJson }) {
  const ci = s.miouCi;
  return (
    <>
      <div className="stats" aria-label="Summary">
        <Stat label="mIoU" value={s.miou} testId="miou" sub={`${Math.round(ci.confidence * 100)}% CI ${formatMetric(ci.low)} – ${formatMetric(ci.high)}`} />
        <Stat label="Mean Dice" value={s.mdice} />
        <Stat label="Pixel accuracy" value={s.pixelAccuracy} />
        <Stat label={`IoU ≥ ${s.threshold}`} value={s.thresholdShare} sub={`${s.thresholdCorrect} of ${s.thresholdTotal} (image, class) pairs`} />
        <Stat label="Boundary mIoU" value={s.boundaryMiou} />
        <Stat label="Per-image mean mIoU" value={s.perImageMiou} sub={`${s.images} images`} />
      </div>
      <p className="muted" style={{ fontSize: "0.85rem" }}>
        mIoU, Dice and pixel accuracy are dataset-level: one confusion matrix summed over all evaluated pixels of all images (as FCN, Cityscapes
        and mmsegmentation). {s.contract.absentClassRule} {s.contract.invalidPredictionRule}
        {s.contract.voidValues.length ? ` Ground-truth pixels with value ${s.contract.voidValues.join(", ")} are ignored.` : ""} The interval is a
        percentile bootstrap over images ({ci.resamples} resamples).
      </p>
    </>
  );
}

function Stat({ label, value, sub, testId }: { label: string; value: number | null; sub?: string; testId?: string }) {
  return (
    <div className="stat">
      <div className="label">{label}</div>
      <div className="value" data-testid={testId}>
        {formatMetric(value)}
      </div>
      {sub ? <div className="sub">{sub}</div> : null}
    </div>
  );
}
