import type { EvaluationSummary as EvaluationSummaryJson } from "@/lib/contracts/evaluation-summary";
import { MIN_INTERVAL_IMAGES } from "@/lib/core/metrics/bootstrap";
import { Score, ScoreModeSwitch } from "./score-mode";

/** The headline numbers of a finished evaluation, each with how it was computed, and what IoU and Dice mean. */
export function EvaluationSummary({ summary: s }: { summary: EvaluationSummaryJson }) {
  const ci = s.miouCi;
  return (
    <>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 style={{ margin: "1rem 0 0.4rem" }}>Summary</h2>
        <ScoreModeSwitch />
      </div>
      <div className="summary-layout">
        <div className="stats" aria-label="Summary">
          <Stat
            label="mIoU"
            value={s.miou}
            testId="miou"
            sub={
              ci.low === null || ci.high === null ? (
                <>
                  {Math.round(ci.confidence * 100)}% CI n/a (needs {MIN_INTERVAL_IMAGES} or more images)
                </>
              ) : (
                <>
                  {Math.round(ci.confidence * 100)}% CI <Score value={ci.low} /> – <Score value={ci.high} />
                </>
              )
            }
          />
          <Stat label="Mean Dice" value={s.mdice} />
          <Stat label="Pixel accuracy" value={s.pixelAccuracy} />
          <Stat label="Mean class accuracy" value={s.meanClassAccuracy} sub="mean recall over classes" />
          <Stat label="Frequency-weighted IoU" value={s.fwIou} sub="IoU weighted by class pixels" />
          <Stat label={`IoU ≥ ${s.threshold}`} value={s.thresholdShare} sub={`${s.thresholdCorrect} of ${s.thresholdTotal} (image, class) pairs`} />
          <Stat label="Boundary mIoU" value={s.boundaryMiou} />
          <Stat label="Per-image mean mIoU" value={s.perImageMiou} sub={`${s.images} ${s.images === 1 ? "image" : "images"}`} />
        </div>
        <aside className="panel explainer" aria-label="IoU vs Dice">
          <strong>IoU vs Dice</strong>
          <p>
            IoU = TP / (TP + FP + FN): the overlap of prediction and ground truth divided by their union. Dice = 2TP / (2TP + FP + FN), the F1
            score of the pixels. They rank classes the same way (Dice = 2·IoU / (1 + IoU)), but Dice is always higher for imperfect results: an IoU
            of 50% is a Dice of 66.7%. Compare IoU with IoU, Dice with Dice.
          </p>
        </aside>
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

function Stat({ label, value, sub, testId }: { label: string; value: number | null; sub?: React.ReactNode; testId?: string }) {
  return (
    <div className="stat">
      <div className="label">{label}</div>
      <div className="value">
        <Score value={value} testId={testId} />
      </div>
      {sub ? <div className="sub">{sub}</div> : null}
    </div>
  );
}
