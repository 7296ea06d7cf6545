import Link from "next/link";
import type { Leaderboard } from "@/lib/core/charts/leaderboard";
import { Score } from "./score-mode";

/** The model page's versions x datasets table of mIoU: the latest finished evaluation of each pair, its interval and a link; the best per dataset in bold; † an edited class mapping; ‡ holds images the version was trained on. */
export function LeaderboardTable({ board }: { board: Leaderboard }) {
  if (board.columns.length === 0) return <p className="muted">No finished evaluation yet: evaluate a version on a dataset to fill the leaderboard.</p>;
  return (
    <div className="table-scroll">
      <table aria-label="Leaderboard">
        <thead>
          <tr>
            <th>Version</th>
            {board.columns.map((c) => (
              <th key={c.datasetVersionId} className="num">
                {c.label}
                <div className="muted" style={{ fontWeight: 400 }}>
                  {c.appName}
                </div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.rows.map((r) => (
            <tr key={r.modelVersion}>
              <th scope="row">v{r.modelVersion}</th>
              {r.cells.map((cell, i) => (
                <td key={board.columns[i].datasetVersionId} className="num">
                  {cell ? (
                    <Link
                      href={`/evaluations/${cell.evaluationId}`}
                      className={cell.best ? "best" : undefined}
                      aria-label={`v${r.modelVersion} on ${board.columns[i].label}: mIoU${cell.best ? " (best)" : ""}${cell.customMapping ? " (edited class mapping)" : ""}${cell.trainedOn ? " (holds training images)" : ""}`}
                      title={
                        cell.trainedOn
                          ? "This dataset version holds images the model version was trained on: not a held-out score, not ranked"
                          : cell.customMapping
                            ? "Classes matched by an edited mapping, not by name: not ranked"
                            : undefined
                      }
                    >
                      <Score value={cell.miou} />
                      {cell.best ? " ★" : ""}
                      {cell.customMapping ? " †" : ""}
                      {cell.trainedOn ? " ‡" : ""}
                    </Link>
                  ) : (
                    <span className="muted">—</span>
                  )}
                  {cell && cell.low !== null && cell.high !== null ? (
                    <div className="muted ci">
                      <Score value={cell.low} /> – <Score value={cell.high} />
                    </div>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {board.rows.some((r) => r.cells.some((c) => c?.customMapping)) ? (
        <p className="muted" style={{ fontSize: "0.85rem" }}>
          † classes matched by an edited mapping, not by name (shown only where no evaluation of that pair matches by name; not ranked).
        </p>
      ) : null}
      {board.rows.some((r) => r.cells.some((c) => c?.trainedOn)) ? (
        <p className="muted" style={{ fontSize: "0.85rem" }}>
          ‡ the dataset version holds images identical to the version&apos;s training images: not a held-out score (not ranked). Near-duplicates
          are flagged on each evaluation&apos;s page.
        </p>
      ) : null}
    </div>
  );
}
