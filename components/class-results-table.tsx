"use client";

import { useMemo, useState } from "react";
import type { ClassResultDto } from "@/lib/contracts/class-result";
import { classPaint } from "@/lib/core/charts/class-color";
import { nextClassSort, sortClassRows, type ClassSort, type ClassSortKey } from "@/lib/core/charts/class-table-sort";
import { formatCount } from "@/lib/core/format";
import { Score, ScoreCell } from "./score-mode";

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

/** A column header that sorts the table: ascending, descending, then back to class order. */
function SortHeader({ label, column, sort, onSort, numeric = true }: { label: string; column: ClassSortKey; sort: ClassSort; onSort: (s: ClassSort) => void; numeric?: boolean }) {
  const active = sort.key === column;
  return (
    <th className={numeric ? "num" : undefined} aria-sort={active ? ARIA_SORT[sort.dir] : "none"}>
      <button type="button" className="link-button" onClick={() => onSort(nextClassSort(sort, column))}>
        {label}
        {active ? <span aria-hidden="true">{sort.dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </button>
    </th>
  );
}

/** Per-class IoU, Dice, precision, recall and counts, sortable by any column (n/a last); undefined values show "—". */
export function ClassResultsTable({
  rows,
  classes,
  iouCi,
}: {
  rows: ClassResultDto[];
  classes: { index: number; color: [number, number, number] }[];
  iouCi?: { low: number | null; high: number | null }[];
}) {
  const colour = new Map(classes.map((c) => [c.index, c.color]));
  const [sort, setSort] = useState<ClassSort>({ key: "index", dir: "asc" });
  const sorted = useMemo(() => sortClassRows(rows, sort), [rows, sort]);
  const header = (label: string, column: ClassSortKey, numeric = true) => <SortHeader label={label} column={column} sort={sort} onSort={setSort} numeric={numeric} />;
  return (
    <table aria-label="Per-class results">
      <thead>
        <tr>
          {header("Class", "name", false)}
          {header("IoU", "iou")}
          <th className="num">IoU 95% CI</th>
          {header("Dice", "dice")}
          {header("Precision", "precision")}
          {header("Recall", "recall")}
          {header("Boundary IoU", "boundaryIou")}
          {header("TP px", "tp")}
          {header("FP px", "fp")}
          {header("FN px", "fn")}
          {header("Images", "imagesPresent")}
        </tr>
      </thead>
      <tbody>
        {sorted.map((r) => {
          const paint = classPaint(colour.get(r.classIndex) ?? null);
          const ci = iouCi?.[r.classIndex];
          return (
            <tr key={r.classIndex}>
              <th scope="row">
                <span className="swatch" style={{ background: paint.fill, borderColor: paint.stroke ?? undefined }} />
                {r.name}
              </th>
              <ScoreCell value={r.iou} />
              <td className="num muted">
                {ci && ci.low !== null ? (
                  <>
                    <Score value={ci.low} /> – <Score value={ci.high} />
                  </>
                ) : (
                  "—"
                )}
              </td>
              <ScoreCell value={r.dice} />
              <ScoreCell value={r.precision} />
              <ScoreCell value={r.recall} />
              <ScoreCell value={r.boundaryIou} />
              <td className="num">{formatCount(r.tp)}</td>
              <td className="num">{formatCount(r.fp)}</td>
              <td className="num">{formatCount(r.fn)}</td>
              <td className="num">{r.imagesPresent}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
