import type { ClassResultDto } from "@/lib/contracts/class-result";
import { formatCount, formatMetric } from "@/lib/core/format";


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
          const c = colour.get(r.classIndex) ?? [128, 128, 128];
          return (
            <tr key={r.classIndex}>
              <td>
                <span className="swatch" style={{ background: `rgb(${c[0]},${c[1]},${c[2]})` }} />
                {r.name}
              </td>
              <td className="num">{formatMetric(r.iou)}</td>
              <td className="num muted">
                {iouCi?.[r.classIndex] && iouCi[r.classIndex].low !== null
                  ? `${formatMetric(iouCi[r.classIndex].low)} – ${formatMetric(iouCi[r.classIndex].high)}`
                  : "—"}
              </td>
              <td className="num">{formatMetric(r.dice)}</td>
              <td className="num">{formatMetric(r.precision)}</td>
              <td className="num">{formatMetric(r.recall)}</td>
              <td className="num">{formatMetric(r.boundaryIou)}</td>
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
