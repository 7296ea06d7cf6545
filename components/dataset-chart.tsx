"use client";

import Link from "next/link";
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { scoreAxis } from "@/lib/core/charts/score-format";
import { ChartTooltip } from "./chart-tooltip";
import { useScoreMode } from "./score-mode";
import { toDatasetBars, type DatasetBar, type DatasetResultInput } from "@/lib/core/charts/dataset-bars";

/** This model version's mIoU on each dataset it was evaluated on (with the bootstrap interval), the current one highlighted. */
export function DatasetChart({ rows }: { rows: DatasetResultInput[] }) {
  const [mode] = useScoreMode();
  const axis = scoreAxis(mode);
  const bars = toDatasetBars(rows, mode);
  if (bars.length < 2) return <p className="muted">Evaluate this version on another dataset to see it here.</p>;
  return (
    <section className="panel" aria-label="This version across datasets">
      <ResponsiveContainer width="100%" height={40 * bars.length + 50}>
        <BarChart data={bars} layout="vertical" margin={{ left: 20, right: 70, top: 8, bottom: 8 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, axis.max]} unit={axis.unit} />
          <YAxis type="category" dataKey="axisLabel" width={260} />
          <Tooltip content={<ChartTooltip render={(b: DatasetBar) => (<><strong>{b.label}</strong><div>mIoU: {b.text}</div></>)} />} />
          <Bar dataKey="miou" isAnimationActive={false}>
            {bars.map((b) => (
              <Cell key={b.evaluationId} fill={b.current ? "#2f5bd3" : "#9fb3e8"} />
            ))}
            <ErrorBar dataKey="error" direction="x" width={6} stroke="#1d2330" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <p className="muted" style={{ fontSize: "0.85rem" }}>
        Not paired (the images differ): a lower bar can mean a harder dataset as much as a weaker model. Open:{" "}
        {bars
          .filter((b) => !b.current)
          .map((b, i) => (
            <span key={b.evaluationId}>
              {i > 0 ? " · " : ""}
              <Link href={`/evaluations/${b.evaluationId}`}>{b.label}</Link>
            </span>
          ))}
      </p>
    </section>
  );
}

