import type { ClassResultDto } from "@/lib/contracts/class-result";
import { classPaint } from "@/lib/core/charts/class-color";
import { formatCount } from "@/lib/core/format";
import { Score } from "./score-mode";


/** Per-class IoU, Dice, precision, recall and counts; undefined values show "—". */
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
  return (
    <table aria-label="Per-class results">
      <thead>
        <tr>
          <th>Class</th>
          <th className="num">IoU</th>
          <th className="num">IoU 95% CI</th>
          <th className="num">Dice</th>
          <th className="num">Precision</th>
          <th className="num">Recall</th>
          <th className="num">Boundary IoU</th>
          <th className="num">TP px</th>
          <th className="num">FP px</th>
          <th className="num">FN px</th>
          <th className="num">Images</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const paint = classPaint(colour.get(r.classIndex) ?? null);
          const ci = iouCi?.[r.classIndex];
          return (
            <tr key={r.classIndex}>
              <td>
                <span className="swatch" style={{ background: paint.fill, borderColor: paint.stroke ?? undefined }} />
                {r.name}
              </td>
              <td className="num"><Score value={r.iou} /></td>
              <td className="num muted">
                {ci && ci.low !== null ? (
                  <>
                    <Score value={ci.low} /> – <Score value={ci.high} />
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td className="num"><Score value={r.dice} /></td>
              <td className="num"><Score value={r.precision} /></td>
              <td className="num"><Score value={r.recall} /></td>
              <td className="num"><Score value={r.boundaryIou} /></td>
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
