import { formatMetric } from "@/lib/format";

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
        <div className="stat">
          <div className="label">mIoU</div>
          <div className="value" data-testid="miou">
            {formatMetric(s.miou)}
          </div>
          <div className="sub">
            {Math.round(ci.confidence * 100)}% CI {formatMetric(ci.low)} – {formatMetric(ci.high)}
          </div>
        </div>
        <div className="stat">
          <div className="label">Mean Dice</div>
          <div className="value">{formatMetric(s.mdice)}</div>
        </div>
        <div className="stat">
          <div className="label">Pixel accuracy</div>
          <div className="value">{formatMetric(s.pixelAccuracy)}</div>
        </div>
        <div className="stat">
          <div className="label">IoU ≥ {s.threshold}</div>
          <div className="value">{formatMetric(s.thresholdShare)}</div>
          <div className="sub">
            {s.thresholdCorrect} of {s.thresholdTotal} (image, class) pairs
          </div>
        </div>
        <div className="stat">
          <div className="label">Boundary mIoU</div>
          <div className="value">{formatMetric(s.boundaryMiou)}</div>
        </div>
        <div className="stat">
          <div className="label">Per-image mean mIoU</div>
          <div className="value">{formatMetric(s.perImageMiou)}</div>
          <div className="sub">{s.images} images</div>
        </div>
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
