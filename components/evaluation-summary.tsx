import { formatMetric } from "@/lib/core/format";

export interface SummaryDto {
  images: number;
  miou: number | null;
  mdice: number | null;
  pixelAccuracy: number | null;
  meanClassAccuracy: number | null;
  fwIou: number | null;
  perImageMiou: number | null;
  threshold: number;
  thresholdCorrect: number;
  thresholdTotal: number;
  thresholdShare: number | null;
  boundaryMiou: number | null;
  byTag?: { tag: string | null; images: number; miou: number | null; mdice: number | null; pixelAccuracy: number | null }[];
  perClassIouCi?: { low: number | null; high: number | null }[];
  miouCi: { low: number | null; high: number | null; confidence: number; resamples: number };
  contract: { aggregation: string; absentClassRule: string; invalidPredictionRule: string; voidValues: number[] };
}

/** The headline numbers of a finished evaluation, each with how it was computed. */
export function EvaluationSummary({ summary: s }: { summary: SummaryDto }) {
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
