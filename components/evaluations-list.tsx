import Link from "next/link";
import { summaryMiou, type EvaluationSummary } from "@/lib/contracts/evaluation-summary";
import { formatMetric, formatUtcMinute } from "@/lib/core/format";

interface EvaluationListItem {
  id: string;
  status: string;
  createdAt: Date;
  summary: EvaluationSummary | null;
  name?: string | null;
  /** Classes matched by an edited mapping, not by name (not comparable with the others). */
  customMapping?: boolean;
  modelVersion: { number: number };
  datasetVersion: { number: number; dataset: { name: string; app: { name: string } } };
}

/** A compact list of evaluations with their status and mIoU. */
export function EvaluationsList({ evaluations }: { evaluations: EvaluationListItem[] }) {
  if (evaluations.length === 0) return <p className="muted">No evaluations yet: pick a dataset in the table above and click Evaluate.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Model version</th>
          <th>Dataset</th>
          <th>Status</th>
          <th className="num">mIoU</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {evaluations.map((e) => {
          const miou = summaryMiou(e.summary);
          return (
            <tr key={e.id}>
              <td>
                <Link href={`/evaluations/${e.id}`}>v{e.modelVersion.number}</Link>
                {e.name ? <span className="muted"> · {e.name}</span> : null}
                {e.customMapping ? <span className="muted"> · edited class mapping</span> : null}
              </td>
              <td>
                {e.datasetVersion.dataset.name} v{e.datasetVersion.number} <span className="muted">({e.datasetVersion.dataset.app.name})</span>
              </td>
              <td>
                <span className={`badge ${e.status}`}>{e.status}</span>
              </td>
              <td className="num">{formatMetric(miou)}</td>
              <td className="muted">{formatUtcMinute(e.createdAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
