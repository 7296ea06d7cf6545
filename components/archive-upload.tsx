"use client";

import { useRef, useState } from "react";
import { uploadDto, type UploadDto } from "@/lib/contracts/dataset-import";
import { ErrorAlert } from "./error-alert";
import { errorMessageOf } from "./fetch-dto";

/**
 * Picks a .zip / .tar / .tar.gz and streams it to the dataset's upload
 * route with XMLHttpRequest, so the bar shows real upload progress (fetch
 * has no upload progress). The server writes it to its staging area.
 */
export function ArchiveUpload({ datasetId, onUploaded }: { datasetId: string; onUploaded: (upload: UploadDto) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = () => {
    const file = input.current?.files?.[0];
    if (!file) return setError("Choose an archive first.");
    setError(null);
    const form = new FormData();
    form.set("archive", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/datasets/${datasetId}/uploads`);
    xhr.upload.onprogress = (e) => setProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onerror = () => {
      setProgress(null);
      setError("The upload failed (network error). Try again.");
    };
    xhr.onload = () => {
      setProgress(null);
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // handled below
      }
      if (xhr.status === 201) return onUploaded(uploadDto.parse(body));
      setError(errorMessageOf(body) ?? `The upload failed (HTTP ${xhr.status}).`);
    };
    setProgress({ loaded: 0, total: file.size });
    xhr.send(form);
  };

  const pct = progress && progress.total > 0 ? Math.round((100 * progress.loaded) / progress.total) : 0;
  return (
    <div className="form">
      <label className="field">
        Archive
        <input ref={input} type="file" accept=".zip,.tar,.tar.gz,.tgz,application/zip,application/gzip,application/x-tar" disabled={progress !== null} />
      </label>
      <div className="row">
        <button type="button" onClick={upload} disabled={progress !== null}>
          Upload
        </button>
        {progress ? (
          <>
            <progress aria-label="Upload progress" max={100} value={pct} />
            <span className="muted">
              {pct}% of {(progress.total / 1024 ** 2).toFixed(1)} MB
            </span>
          </>
        ) : null}
        <ErrorAlert message={error} as="span" />
      </div>
    </div>
  );
}
