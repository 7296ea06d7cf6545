"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import type { DatasetPickerGroupDto, PickerModelVersionDto } from "@/lib/contracts/dataset-picker";
import { datasetVersionListDto } from "@/lib/contracts/dataset-versions";
import { queryKeys } from "@/lib/contracts/query-keys";
import { DatasetSelect } from "./dataset-select";
import { latestPredictedNumber } from "@/lib/core/model-classes";
import { fetchDto } from "./fetch-dto";
import { ExistingEvaluationPrompt } from "./existing-evaluation-prompt";
import { useCreateEvaluation } from "./use-create-evaluation";
import { NewDatasetUpload } from "./new-dataset-upload";
import { plural } from "@/lib/core/charts/score-format";
import { ErrorAlert } from "./error-alert";

/** The versions of one dataset, newest first, for the "Version" select. */
function fetchVersions(datasetId: string) {
  return fetchDto(`/api/v1/datasets/${encodeURIComponent(datasetId)}/versions`, datasetVersionListDto, {
    failure: (status) => `Could not load the versions (HTTP ${status}).`,
  });
}

/**
 * "Evaluate with a new Dataset": pick any owned dataset (any app), optionally a version (none = latest), and a model version;
 * or upload a new dataset into any of the user's `apps` (the default first).
 */
export function NewEvaluationDialog({
  modelName,
  groups,
  apps,
  modelVersions,
}: {
  modelName: string;
  groups: DatasetPickerGroupDto[];
  apps: { id: string; name: string }[];
  modelVersions: { id: string; number: number; picker?: PickerModelVersionDto }[];
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [datasetId, setDatasetId] = useState("");
  const [versionNumber, setVersionNumber] = useState("");
  const [modelVersionId, setModelVersionId] = useState(modelVersions[0]?.id ?? "");
  const { createEvaluation, error, pending, existing, openExisting, runAgain, dismissExisting } = useCreateEvaluation();
  const picker = modelVersions.find((v) => v.id === modelVersionId)?.picker;
  // A predictions version evaluates only the dataset versions it has predictions for.
  const versionDisabled = (id: string) => picker?.runnerKind === "predictions" && !picker.predictionsFor.includes(id);

  // A predictions version defaults to the newest dataset version it has predictions for when the latest has none.
  const defaultVersion = (id: string) => {
    if (picker?.runnerKind !== "predictions") return "";
    const latestId = groups.flatMap((g) => g.datasets).find((d) => d.id === id)?.latest?.id;
    if (latestId && picker.predictionsFor.includes(latestId)) return "";
    const predicted = latestPredictedNumber(picker, id);
    return predicted === null ? "" : String(predicted);
  };

  const versions = useQuery({
    queryKey: queryKeys.datasetVersions(datasetId),
    queryFn: () => fetchVersions(datasetId),
    enabled: datasetId !== "",
  });

  const evaluate = () =>
    createEvaluation({
      modelVersionId,
      datasetId,
      ...(versionNumber ? { datasetVersionNumber: Number(versionNumber) } : {}),
    });

  return (
    <>
      <button type="button" className="secondary" onClick={() => dialogRef.current?.showModal()} disabled={modelVersions.length === 0}>
        Evaluate with a new Dataset
      </button>
      <dialog ref={dialogRef} aria-labelledby={titleId}>
        <h2 id={titleId} style={{ marginTop: 0 }}>
          Evaluate with a new Dataset
        </h2>
        <div className="form">
          <div className="field">
            <label htmlFor={`${titleId}-model`}>Model</label>
            <select
              id={`${titleId}-model`}
              value={modelVersionId}
              onChange={(e) => {
                setModelVersionId(e.target.value);
                setDatasetId("");
                setVersionNumber("");
                dismissExisting();
              }}
            >
              {modelVersions.map((v, i) => (
                <option key={v.id} value={v.id}>
                  {modelName} v{v.number}
                  {i === 0 ? " (latest)" : ""}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${titleId}-dataset`}>Dataset</label>
            <DatasetSelect
              id={`${titleId}-dataset`}
              groups={groups}
              modelVersion={picker}
              anyVersion
              value={datasetId}
              onChange={(id) => {
                setDatasetId(id);
                setVersionNumber(defaultVersion(id));
                dismissExisting();
              }}
            />
          </div>
          <div className="field">
            <label htmlFor={`${titleId}-version`}>Version</label>
            <select id={`${titleId}-version`} value={versionNumber} onChange={(e) => {
                setVersionNumber(e.target.value);
                dismissExisting();
              }} disabled={!datasetId}>
              <option value="" disabled={versions.data?.versions[0] ? versionDisabled(versions.data.versions[0].id) : false}>
                Latest{versions.data?.versions[0] ? ` (v${versions.data.versions[0].number})` : ""}
              </option>
              {versions.data?.versions.map((v) => (
                <option key={v.id} value={v.number} disabled={versionDisabled(v.id)}>
                  v{v.number} — {plural(v.sampleCount, "sample")}
                  {versionDisabled(v.id) ? " — no predictions uploaded for this version" : ""}
                </option>
              ))}
            </select>
          </div>
          {versions.isError ? <p className="error">{versions.error.message}</p> : null}
          <NewDatasetUpload
            apps={apps}
            disabled={!modelVersionId || pending}
            onImported={(dataset, number) => createEvaluation({ modelVersionId, datasetId: dataset, datasetVersionNumber: number })}
          />
          <ErrorAlert message={error} />
          {existing ? <ExistingEvaluationPrompt existing={existing} onOpen={openExisting} onRunAgain={runAgain} pending={pending} /> : null}
          <div className="row">
            <button type="button" onClick={evaluate} disabled={!datasetId || !modelVersionId || pending || existing !== null}>
              Evaluate
            </button>
            <button type="button" className="secondary" onClick={() => dialogRef.current?.close()}>
              Cancel
            </button>
          </div>
        </div>
      </dialog>
    </>
  );
}
