"use client";

import { useState } from "react";
import type { DatasetPickerGroupDto } from "@/lib/contracts/dataset-picker";
import { DatasetSelect } from "./dataset-select";
import { ExistingEvaluationPrompt } from "./existing-evaluation-prompt";
import { useCreateEvaluation } from "./use-create-evaluation";

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
export function VersionsTable({ versions, groups }: { versions: VersionRow[]; groups: DatasetPickerGroupDto[] }) {
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

function VersionRowView({ version, groups }: { version: VersionRow; groups: DatasetPickerGroupDto[] }) {
  const [datasetId, setDatasetId] = useState("");
  const { createEvaluation, error, pending, existing, openExisting, runAgain, dismissExisting } = useCreateEvaluation();
  const evaluate = () => createEvaluation({ modelVersionId: version.id, datasetId });

  return (
    <tr>
      <td>
        <strong>v{version.number}</strong>
      </td>
      <td>{version.runnerKind}</td>
      <td className="muted">{version.training ?? "—"}</td>
      <td className="muted">{version.note}</td>
      <td>
        <DatasetSelect groups={groups} value={datasetId} onChange={(id) => { setDatasetId(id); dismissExisting(); }} ariaLabel={`Evaluation Dataset for v${version.number}`} />
        {error ? (
          <div role="alert" className="error">
            {error}
          </div>
        ) : null}
        {existing ? <ExistingEvaluationPrompt existing={existing} onOpen={openExisting} onRunAgain={runAgain} pending={pending} /> : null}
      </td>
      <td>
        <button type="button" onClick={evaluate} disabled={!datasetId || pending}>
          Evaluate
        </button>
      </td>
    </tr>
  );
}
