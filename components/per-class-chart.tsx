"use client";

import { useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { scoreAxis } from "@/lib/core/charts/score-format";
import { ChartTooltip } from "./chart-tooltip";
import { useScoreMode } from "./score-mode";
import { perClassSortOptions, toPerClassBars, type PerClassBar, type PerClassInput, type PerClassMetric, type PerClassSort } from "@/lib/core/charts/per-class-bars";

/** Per-class IoU or Dice as horizontal bars in each class's colour (outlined when too light), IoU with its interval; undefined values are "n/a". */
export function PerClassChart({ rows, classColors }: { rows: PerClassInput[]; classColors: [number, [number, number, number]][] }) {
  const [metric, setMetric] = useState<PerClassMetric>("iou");
  const [sort, setSort] = useState<PerClassSort>("worst");
  const [mode] = useScoreMode();
  const axis = scoreAxis(mode);
  const bars = useMemo(() => toPerClassBars(rows, new Map(classColors), { metric, sort, mode }), [rows, classColors, metric, sort, mode]);
  return (
    <section className="panel" aria-label="Per-class chart">
      <div className="row">
        <label className="row">
          Metric
          <select value={metric} onChange={(e) => setMetric(e.target.value as PerClassMetric)}>
            <option value="iou">IoU</option>
            <option value="dice">Dice</option>
          </select>
        </label>
        <label className="row">
          Order
          <select value={sort} onChange={(e) => setSort(e.target.value as PerClassSort)}>
            {perClassSortOptions(metric).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        {metric === "iou" ? <span className="muted">Whiskers: 95% bootstrap interval over images.</span> : null}
      </div>
      <ResponsiveContainer width="100%" height={Math.max(160, 30 * bars.length + 40)}>
        <BarChart data={bars} layout="vertical" margin={{ left: 10, right: 24, top: 8, bottom: 8 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, axis.max]} unit={axis.unit} />
          <YAxis type="category" dataKey="axisLabel" width={190} />
          <Tooltip content={<ChartTooltip render={(b: PerClassBar) => (<><strong>{b.name}</strong><div>{b.tooltip}</div></>)} />} />
          <Bar dataKey="value" isAnimationActive={false}>
            {bars.map((b) => (
              <Cell key={b.name} fill={b.color} stroke={b.stroke ?? undefined} strokeWidth={b.stroke ? 1.5 : 0} />
            ))}
            <ErrorBar dataKey="error" direction="x" width={6} stroke="#1d2330" strokeWidth={1.2} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </section>
  );
}

