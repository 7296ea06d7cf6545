import { DeltaCell, ScoreCell } from "./score-mode";

interface TagRow {
  tag: string | null;
  images: number;
  miou: number | null;
  mdice: number | null;
  pixelAccuracy: number | null;
}

/** Below the whole dataset's mIoU by more than this (2 percentage points), a tag's difference is flagged. */
const FLAG_BELOW = -0.02;

/** Results by scenario tag, with each tag's mIoU difference from the whole dataset (percentage points, or 0–1 in score mode). */
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
          const delta = r.miou !== null && overallMiou !== null ? r.miou - overallMiou : null;
          return (
            <tr key={r.tag ?? "(none)"}>
              <th scope="row">{r.tag === null ? <span className="muted">(no tag)</span> : <span className="badge">{r.tag}</span>}</th>
              <td className="num">{r.images}</td>
              <ScoreCell value={r.miou} />
              <DeltaCell value={delta} className={delta !== null && delta < FLAG_BELOW ? "error" : undefined} />
              <ScoreCell value={r.mdice} />
              <ScoreCell value={r.pixelAccuracy} />
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
