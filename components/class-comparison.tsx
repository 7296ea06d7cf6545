"use client";

import { useMemo, useState } from "react";
import { prepareClassDeltas, type DeltaSort } from "@/lib/core/charts/class-deltas";
import type { VersionComparison } from "@/lib/contracts/comparison";
import { Delta, DeltaCell, ScoreCell } from "./score-mode";
import { plural } from "@/lib/core/charts/score-format";

const SORT_NEXT: Record<DeltaSort, DeltaSort> = { "delta-asc": "delta-desc", "delta-desc": "index", index: "delta-asc" };
const SORT_ARIA: Record<DeltaSort, "ascending" | "descending" | "none"> = { "delta-asc": "ascending", "delta-desc": "descending", index: "none" };

/** Class by class against another version on the same dataset version: IoUs, paired difference and its bootstrap interval, sortable by difference. */
export function ClassComparison({ versions, classes }: { versions: VersionComparison[]; classes: { index: number; name: string; color: [number, number, number] }[] }) {
  const comparable = versions.filter((v) => v.perClass && v.pairedImages > 0);
  const [otherId, setOtherId] = useState(comparable[0]?.evaluationId ?? "");
  const [sort, setSort] = useState<DeltaSort>("delta-asc");
  const other = comparable.find((v) => v.evaluationId === otherId) ?? comparable[0];
  const rows = useMemo(
    () =>
      other?.perClass
        ? prepareClassDeltas(
            other.perClass.map((d, k) => ({ classIndex: k, name: classes[k]?.name ?? `class ${k}`, color: classes[k]?.color ?? [128, 128, 128], ...d })),
            sort,
          )
        : [],
    [other, classes, sort],
  );
  if (!other) return <p className="muted">No other version evaluated on the same images yet: nothing to compare class by class.</p>;
  return (
    <section className="panel" aria-label="Class-by-class comparison">
      <div className="row">
        <label className="row">
          Compare with
          <select value={other.evaluationId} onChange={(e) => setOtherId(e.target.value)}>
            {comparable.map((v) => (
              <option key={v.evaluationId} value={v.evaluationId}>
                {v.modelName} v{v.modelVersion}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">Paired over the {plural(other.pairedImages, "image")} both evaluated; difference = this − other.</span>
      </div>
      <table aria-label="Per-class differences">
        <thead>
          <tr>
            <th>Class</th>
            <th className="num">This IoU</th>
            <th className="num">Other IoU</th>
            <th className="num" aria-sort={SORT_ARIA[sort]}>
              <button type="button" className="link-button" onClick={() => setSort(SORT_NEXT[sort])}>
                Difference {sort === "delta-asc" ? "▲" : sort === "delta-desc" ? "▼" : "(class order)"}
              </button>
            </th>
            <th className="num">95% CI (paired)</th>
            <th>Verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.classIndex}>
              <th scope="row">
                <span className="swatch" style={{ background: r.paint.fill, borderColor: r.paint.stroke ?? undefined }} />
                {r.name}
              </th>
              <ScoreCell value={r.mine} />
              <ScoreCell value={r.theirs} />
              <DeltaCell value={r.delta} />
              <td className="num muted">
                {r.low !== null && r.high !== null ? (
                  <>
                    <Delta value={r.low} /> … <Delta value={r.high} />
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td>
                <span className={`badge ${r.verdict === "better" ? "succeeded" : r.verdict === "worse" ? "failed" : ""}`}>{r.verdict}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
