import Link from "next/link";
import type { OtherDatasetResult, VersionComparison } from "@/lib/contracts/comparison";
import { comparisonVerdict, signFlipCell } from "@/lib/core/charts/comparison-cells";
import { plural } from "@/lib/core/charts/score-format";
import { Delta, DeltaCell, ScoreCell } from "./score-mode";

/**
 * Why evaluations are missing from the comparison: this one, or some others,
 * matched classes by an edited mapping (their scores cover other classes than
 * a match by name, so they are not compared). Nothing when none was left out.
 */
export function EditedMappingNote({ editedMapping }: { editedMapping?: { self: boolean; leftOut: number } }) {
  if (editedMapping?.self) {
    return <p className="muted">This evaluation matched classes by an edited mapping, not by name, so it is not compared with other evaluations.</p>;
  }
  if (!editedMapping?.leftOut) return null;
  return <p className="muted">Left out: {plural(editedMapping.leftOut, "evaluation")} whose classes were matched by an edited mapping, not by name.</p>;
}

/** This evaluation against other versions on the same dataset (paired bootstrap) and against the same version on other datasets. */
export function ComparisonTables({ versions, datasets }: { versions: VersionComparison[]; datasets: OtherDatasetResult[] }) {
  return (
    <>
      <h3>Other model versions on this dataset version</h3>
      {versions.length === 0 ? (
        <p className="muted">No other finished evaluation on this dataset version yet: evaluate another version to compare.</p>
      ) : (
        <table aria-label="Comparison with other versions">
          <thead>
            <tr>
              <th>Evaluation</th>
              <th className="num">Their mIoU</th>
              <th className="num">This − theirs</th>
              <th className="num">95% CI (paired)</th>
              <th className="num">Sign flips</th>
              <th>Verdict</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((c) => (
              <tr key={c.evaluationId}>
                <td>
                  <Link href={`/evaluations/${c.evaluationId}`}>
                    {c.modelName} v{c.modelVersion}
                  </Link>
                </td>
                <ScoreCell value={c.miou} />
                <DeltaCell value={c.diff} />
                <td className="num">
                  {Number.isFinite(c.low) && Number.isFinite(c.high) ? (
                    <>
                      <Delta value={c.low} /> … <Delta value={c.high} />
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="num">{signFlipCell(c)}</td>
                <td>
                  <span className={`badge ${comparisonVerdict(c) === "better" ? "succeeded" : comparisonVerdict(c) === "worse" ? "failed" : ""}`}>{comparisonVerdict(c)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted" style={{ fontSize: "0.85rem" }}>
        Paired bootstrap over the {versions[0] ? plural(versions[0].pairedImages, "image") : "shared images"} both evaluations scored: each resample draws the same images for
        both, so the interval reflects the difference itself, not two independent uncertainties. “Sign flips” is the share of resamples in which
        the difference has the other sign (— when the difference is exactly 0).
      </p>
      <h3>This model version on other datasets</h3>
      {datasets.length === 0 ? (
        <p className="muted">Not evaluated on another dataset yet.</p>
      ) : (
        <table aria-label="Same version on other datasets">
          <thead>
            <tr>
              <th>Dataset</th>
              <th>App</th>
              <th className="num">mIoU</th>
            </tr>
          </thead>
          <tbody>
            {datasets.map((d) => (
              <tr key={d.evaluationId}>
                <td>
                  <Link href={`/evaluations/${d.evaluationId}`}>
                    {d.datasetName} v{d.datasetVersion}
                  </Link>
                </td>
                <td className="muted">{d.appName}</td>
                <ScoreCell value={d.miou} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
