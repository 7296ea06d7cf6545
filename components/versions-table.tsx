"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { createEvaluationAction } from "@/lib/server/actions/evaluations";
import { DatasetSelect } from "./dataset-select";
import type { PickerGroup } from "../lib/contracts/dataset-picker";

export interface VersionRow {
  id: string;
  number: number;
  runnerKind: string;
  note: string;
  createdAt: string;
  training: string | null;
  evaluations: number;
}

/** The model's versions table: each row picks an evaluation dataset and creates an evaluation of that version. */
export function VersionsTable({ versions, groups }: { versions: VersionRow[]; groups: PickerGroup[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Version</th>
          <th>Runner</th>
          <th>Trained on</th>
          <th>Note</th>
          <th>Evaluation Dataset</th>
          <th>
            <span className="muted">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <VersionRowView key={v.id} version={v} groups={groups} />
        ))}
      </tbody>
    </table>
  );
}

function VersionRowView({ version, groups }: { version: VersionRow; groups: PickerGroup[] }) {
  const router = useRouter();
  const [datasetId, setDatasetId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const evaluate = () =>
    startTransition(async () => {
      setError(null);
      const result = await createEvaluationAction({ modelVersionId: version.id, datasetId });
      if (result.ok) router.push(`/evaluations/${result.data.id}`);
      else setError(result.error.message);
    });

  return (
    <tr>
      <td>
        <strong>v{version.number}</strong>
      </td>
      <td>{version.runnerKind}</td>
      <td className="muted">{version.training ?? "—"}</td>
      <td className="muted">{version.note}</td>
      <td>
        <DatasetSelect groups={groups} value={datasetId} onChange={setDatasetId} ariaLabel={`Evaluation Dataset for v${version.number}`} />
        {error ? (
          <div role="alert" className="error">
            {error}
          </div>
        ) : null}
      </td>
      <td>
        <button type="button" onClick={evaluate} disabled={!datasetId || pending}>
          Evaluate
        </button>
      </td>
    </tr>
  );
}
