"use client";

import { useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { toPerClassBars, type PerClassInput, type PerClassSort } from "@/lib/core/charts/per-class-bars";

/** Per-class IoU or Dice as horizontal bars in each class's colour; undefined values are labelled "n/a". */
export function PerClassChart({ rows, classColors }: { rows: PerClassInput[]; classColors: [number, [number, number, number]][] }) {
  const [metric, setMetric] = useState<"iou" | "dice">("iou");
  const [sort, setSort] = useState<PerClassSort>("iou-asc");
  const bars = useMemo(() => toPerClassBars(rows, new Map(classColors), sort), [rows, classColors, sort]);
  const labelKey = metric === "iou" ? "iouLabel" : "diceLabel";
  return (
    <section className="panel" aria-label="Per-class chart">
      <div className="row">
        <label className="row">
          Metric
          <select value={metric} onChange={(e) => setMetric(e.target.value as "iou" | "dice")}>
            <option value="iou">IoU</option>
            <option value="dice">Dice</option>
          </select>
        </label>
        <label className="row">
          Order
          <select value={sort} onChange={(e) => setSort(e.target.value as PerClassSort)}>
            <option value="iou-asc">Worst IoU first</option>
            <option value="iou-desc">Best IoU first</option>
            <option value="index">Class index</option>
          </select>
        </label>
      </div>
      <ResponsiveContainer width="100%" height={Math.max(160, 30 * bars.length + 40)}>
        <BarChart data={bars} layout="vertical" margin={{ left: 20, right: 60, top: 8, bottom: 8 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, 100]} unit="%" />
          <YAxis type="category" dataKey="name" width={120} />
          <Tooltip formatter={(value) => (value === null || value === undefined ? "n/a" : `${Number(value).toFixed(1)}%`)} />
          <Bar dataKey={metric} isAnimationActive={false}>
            {bars.map((b) => (
              <Cell key={b.name} fill={b.color} />
            ))}
            <LabelList dataKey={labelKey} position="right" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </section>
  );
}
