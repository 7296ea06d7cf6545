"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDeferredValue, useMemo, useState } from "react";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartTooltip } from "./chart-tooltip";
import { initialThreshold, parseThreshold, THRESHOLD_RANGE, toThresholdCurve, type ThresholdCurvePoint } from "@/lib/core/charts/threshold-curve";
import { thresholdResultDto } from "@/lib/contracts/results";
import { queryKeys } from "@/lib/contracts/query-keys";
import { fetchDto } from "./fetch-dto";
import { scoreAxis } from "@/lib/core/charts/score-format";
import { Score, useScoreMode } from "./score-mode";

const { min, max, step } = THRESHOLD_RANGE;
const TICKS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];

/**
 * "Correct at IoU >= t" for any t in 0..1 (slider and number; the range of an
 * evaluation's own threshold, where the control starts), recomputed on the
 * server from the stored per-image results (no re-run), with the curve of
 * the share correct across thresholds.
 */
export function ThresholdControl({ evaluationId, initialT }: { evaluationId: string; initialT: number }) {
  const [t, setT] = useState(() => initialThreshold(initialT));
  const [text, setText] = useState(String(t));
  const deferredT = useDeferredValue(t);
  const query = useQuery({
    queryKey: queryKeys.evaluationThreshold(evaluationId, deferredT),
    queryFn: () => fetchDto(`/api/v1/evaluations/${encodeURIComponent(evaluationId)}/threshold?t=${deferredT}`, thresholdResultDto),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  const [mode] = useScoreMode();
  const axis = scoreAxis(mode);
  const curve = useMemo(() => toThresholdCurve(query.data?.curve ?? [], mode), [query.data?.curve, mode]);
  const set = (value: number | null) => {
    if (value === null) return;
    setT(value);
    setText(String(value));
  };
  const data = query.data;
  return (
    <section className="panel threshold" aria-label="IoU threshold">
      <div className="row">
        <label className="row">
          IoU threshold
          <input type="range" min={min} max={max} step={step} value={t} onChange={(e) => set(parseThreshold(e.target.value))} aria-label="IoU threshold slider" />
        </label>
        <label className="row">
          t =
          <input
            type="number"
            min={min}
            max={max}
            step={step}
            value={text}
            aria-label="IoU threshold value"
            style={{ width: "5.5rem" }}
            onChange={(e) => {
              setText(e.target.value);
              const v = parseThreshold(e.target.value);
              if (v !== null && v === Number(e.target.value)) setT(v);
            }}
            // Leaving the box unedited keeps t as it is (the evaluation's own threshold may be finer than the step).
            onBlur={() => (text === String(t) ? undefined : set(parseThreshold(text) ?? t))}
          />
        </label>
        <output aria-live="polite" data-testid="threshold-share" className={data && data.t !== t ? "muted" : undefined}>
          {data ? (
            <>
              <strong>
                <Score value={data.share} />
              </strong>{" "}
              of {data.total.toLocaleString("en-US")} (image, class) pairs have IoU ≥ {data.t} ({data.correct.toLocaleString("en-US")} correct)
            </>
          ) : query.isError ? (
            <span className="error">{query.error.message}</span>
          ) : (
            "Computing…"
          )}
        </output>
      </div>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={curve} margin={{ left: 0, right: 20, top: 14, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" domain={[min, max]} ticks={TICKS} />
          <YAxis domain={[0, axis.max]} unit={axis.unit} width={56} />
          <Tooltip content={<ChartTooltip render={(p: ThresholdCurvePoint) => <>Share correct at IoU ≥ {p.t}: {p.label}</>} />} />
          <ReferenceLine x={t} stroke="#2f5bd3" strokeDasharray="4 3" />
          <Line dataKey="share" stroke="#2f5bd3" dot={{ r: 2 }} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </section>
  );
}

