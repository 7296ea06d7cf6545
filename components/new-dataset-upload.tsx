"use client";

import { useState } from "react";
import { DatasetUploadWizard } from "./dataset-upload-wizard";
import { NewDatasetForm } from "./new-dataset-form";

/**
 * "A new dataset not included in the drop-down list", inside the evaluation
 * dialog: create a dataset (in an app of the user's, or a new app), upload
 * its archive through the mapping step and validation report, then hand the
 * imported version to `onImported` (the dialog evaluates on it).
 */
export function NewDatasetUpload({ apps, disabled, onImported }: { apps: { id: string; name: string }[]; disabled?: boolean; onImported: (datasetId: string, number: number) => void }) {
  const [open, setOpen] = useState(false);
  const [datasetId, setDatasetId] = useState<string | null>(null);
  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)} disabled={disabled}>
        Upload a new dataset
      </button>
    );
  }
  return (
    <fieldset>
      <legend>Upload a new dataset</legend>
      {datasetId ? (
        <DatasetUploadWizard datasetId={datasetId} hasVersions={false} onImported={(v) => onImported(datasetId, v.number)} />
      ) : (
        <NewDatasetForm apps={apps} onCreated={setDatasetId} />
      )}
    </fieldset>
  );
}
