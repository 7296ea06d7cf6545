import { formatMetric } from "@/lib/core/format";

interface TagRow {
  tag: string | null;
  images: number;
  miou: number | null;
  mdice: number | null;
  pixelAccuracy: number | null;
}

/** Results by scenario tag, with each tag's mIoU difference from the whole dataset in percentage points. */
export function TagResultsTable({ rows, overallMiou }: { rows: TagRow[]; overallMiou: number | null }) {
  if (rows.length === 0) return <p className="muted">No images.</p>;
  return (
    <table aria-label="Results by tag">
      <thead>
        <tr>
          <th>Tag</th>
          <th className="num">Images</th>
          <th className="num">mIoU</th>
          <th className="num">vs. all images</th>
          <th className="num">Mean Dice</th>
          <th className="num">Pixel accuracy</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const delta = r.miou !== null && overallMiou !== null ? (r.miou - overallMiou) * 100 : null;
          return (
            <tr key={r.tag ?? "(none)"}>
              <td>{r.tag === null ? <span className="muted">(no tag)</span> : <span className="badge">{r.tag}</span>}</td>
              <td className="num">{r.images}</td>
              <td className="num">{formatMetric(r.miou)}</td>
              <td className={`num ${delta !== null && delta < -2 ? "error" : ""}`}>
                {delta === null ? "—" : `${delta >= 0 ? "+" : "−"}${Math.abs(delta).toFixed(1)} pt`}
              </td>
              <td className="num">{formatMetric(r.mdice)}</td>
              <td className="num">{formatMetric(r.pixelAccuracy)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
