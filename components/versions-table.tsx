"use client";

import { useState } from "react";
import { formatUtcMinute } from "@/lib/core/format";
import type { DatasetPickerGroupDto } from "@/lib/contracts/dataset-picker";
import type { ModelVersionRowDto } from "@/lib/contracts/model-versions";
import type { PublicRunnerConfig } from "@/lib/contracts/runner-config";
import { DatasetSelect } from "./dataset-select";
import { formatTensors } from "./onnx-signature";
import { ExistingEvaluationPrompt } from "./existing-evaluation-prompt";
import { useCreateEvaluation } from "./use-create-evaluation";
import { ErrorAlert } from "./error-alert";

export type VersionRow = ModelVersionRowDto;

/** One line saying how a version is served (never header values). */
function runnerSummary(r: PublicRunnerConfig): string {
  if (r.kind === "onnx") return `onnx · ${r.fileName}`;
  if (r.kind === "http") return `http · ${r.modelName} @ ${r.url}${r.headerNames.length ? ` (headers: ${r.headerNames.join(", ")})` : ""}`;
  return "predictions (uploaded masks)";
}

/** "city-val v1" for each dataset version a predictions version has predictions for (names from the picker's groups). */
function predictedLabels(version: VersionRow, groups: DatasetPickerGroupDto[]): string[] {
  const names = new Map(groups.flatMap((g) => g.datasets.map((d) => [d.id, d.name] as const)));
  return version.picker.predictedVersions.map((v) => `${names.get(v.datasetId) ?? "a dataset"} v${v.number}`);
}

const CLASSES_SHOWN = 6;

/** The model's versions table: each row picks an evaluation dataset and creates an evaluation of that version. */
export function VersionsTable({ versions, groups }: { versions: VersionRow[]; groups: DatasetPickerGroupDto[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th>Version</th>
          <th>Runner</th>
          <th>Classes</th>
          <th>Trained on</th>
          <th>Created</th>
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
      <td>
        {runnerSummary(version.runner)}
        {version.runner.kind === "predictions" && version.picker.predictedVersions.length ? (
          <div className="muted" style={{ fontSize: "0.85em" }}>
            for {predictedLabels(version, groups).join(", ")}
          </div>
        ) : null}
        {version.runner.kind === "onnx" && version.runner.signature ? (
          <div className="muted" style={{ fontSize: "0.85em" }}>
            in {formatTensors(version.runner.signature.inputs)} · out {formatTensors(version.runner.signature.outputs)}
          </div>
        ) : null}
      </td>
      <td title={version.classes.map((c) => c.name).join(", ")}>
        {version.classes.length}: {version.classes.slice(0, CLASSES_SHOWN).map((c) => c.name).join(", ")}
        {version.classes.length > CLASSES_SHOWN ? ", …" : ""}
      </td>
      <td className="muted">{version.trainedOn.length ? version.trainedOn.map((t) => t.label).join(", ") : "—"}</td>
      <td className="muted">
        <time dateTime={version.createdAt}>{formatUtcMinute(version.createdAt)}</time>
      </td>
      <td className="muted">{version.note}</td>
      <td>
        <DatasetSelect groups={groups} modelVersion={version.picker} value={datasetId} onChange={(id) => { setDatasetId(id); dismissExisting(); }} ariaLabel={`Evaluation Dataset for v${version.number}`} />
        <ErrorAlert message={error} as="div" />
        {existing ? <ExistingEvaluationPrompt existing={existing} onOpen={openExisting} onRunAgain={runAgain} pending={pending} /> : null}
      </td>
      <td>
        <button type="button" onClick={evaluate} disabled={!datasetId || pending || existing !== null}>
          Evaluate
        </button>
      </td>
    </tr>
  );
}
