"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { importReportDto, type ImportReportDto, type LayoutChoice, type UploadDto } from "@/lib/contracts/dataset-import";
import { plural } from "@/lib/core/charts/score-format";
import { queryKeys } from "@/lib/contracts/query-keys";
import { discardUploadAction } from "@/lib/server/actions/discard-upload";
import { importUploadAction } from "@/lib/server/actions/import-upload";
import { fetchDto } from "./fetch-dto";
import { ErrorAlert } from "./error-alert";

const LAYOUTS: LayoutChoice[] = ["auto", "pairs", "voc", "cityscapes", "camvid", "ade20k"];
const rgb = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;

export interface ImportedVersion {
  number: number;
  samples: number;
}

/**
 * The mapping step and the validation report of a staged upload: the layout
 * (detected or chosen), each mask value found mapped to a class or void
 * (undeclared values flagged), a few masks previewed in the class colours,
 * the per-file problems, then "Import" (or "Import the N valid samples").
 */
export function ImportMappingStep({
  datasetId,
  upload,
  hasVersions,
  onImported,
  onChooseAnother,
}: {
  datasetId: string;
  upload: UploadDto;
  hasVersions: boolean;
  onImported: (v: ImportedVersion) => void;
  /** Back to the archive picker; the staged upload is removed first (offered with the report and when the archive cannot be read). */
  onChooseAnother?: () => void;
}) {
  const [layout, setLayout] = useState<LayoutChoice>("auto");
  const [mapping, setMapping] = useState<Record<string, number | "void">>({});
  const [note, setNote] = useState("");
  const [update, setUpdate] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [discarding, startDiscard] = useTransition();
  const options = { layout, mapping, update };
  const report = useQuery({
    queryKey: queryKeys.importReport(datasetId, upload.uploadId, options),
    queryFn: () =>
      fetchDto(`/api/v1/datasets/${datasetId}/uploads/${upload.uploadId}/report?options=${encodeURIComponent(JSON.stringify(options))}`, importReportDto, {
        failure: (status, message) =>
          status === 404 ? "The upload has expired; upload the archive again." : (message ?? `The archive could not be read (HTTP ${status}).`),
      }),
    placeholderData: (previous) => previous,
    retry: false,
  });
  const r = report.data;

  const runImport = (validSubset: boolean) =>
    startTransition(async () => {
      setError(null);
      const result = await importUploadAction({ datasetId, uploadId: upload.uploadId, options, validSubset, note: note || undefined, mode: update ? "update" : "new" });
      if (result.ok) onImported({ number: result.data.number, samples: result.data.samples });
      else setError(result.error.message);
    });

  // The staged archive goes now, not at the 24-hour sweep; a failed removal is left to the sweep.
  const chooseAnother = onChooseAnother
    ? () =>
        startDiscard(async () => {
          await discardUploadAction({ datasetId, uploadId: upload.uploadId }).catch(() => null);
          onChooseAnother();
        })
    : undefined;
  const chooseAnotherButton = chooseAnother ? (
    <button type="button" className="secondary" disabled={pending || discarding} onClick={chooseAnother}>
      Choose another archive
    </button>
  ) : null;

  return (
    <section aria-label="Mapping and validation">
      <p className="muted">
        Uploaded {upload.fileName} ({(upload.bytes / 1024 ** 2).toFixed(1)} MB).
      </p>
      <label className="field">
        Layout
        <select value={layout} onChange={(e) => setLayout(e.target.value as LayoutChoice)}>
          {LAYOUTS.map((l) => (
            <option key={l} value={l}>
              {l === "auto" ? "auto (detect)" : l}
            </option>
          ))}
        </select>
      </label>
      {report.isError ? (
        <>
          <p role="alert" className="error">
            {report.error.message}
          </p>
          {chooseAnotherButton}
        </>
      ) : !r ? (
        <p className="muted">Reading the archive…</p>
      ) : (
        <>
          <p>
            Layout <strong>{r.layout}</strong> · {plural(r.sampleCount, "sample")} · {plural(r.classes.length, "class", "classes")} (from {r.classSource}) · void = {r.ignoreIndex ?? "none"}
            {report.isFetching ? <span className="muted"> · updating…</span> : null}
          </p>
          <ValueTable report={r} mapping={mapping} onChange={(value, target) => setMapping({ ...mapping, [value]: target })} />
          <Previews report={r} />
          <Problems report={r} />
          <label className="field">
            Note
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
          </label>
          {hasVersions ? (
            <label className="row">
              <input type="checkbox" checked={update} onChange={(e) => setUpdate(e.target.checked)} /> Update the latest version (add or replace samples by name; keep the rest)
            </label>
          ) : null}
          {update && r.classSource === "latest-version" ? (
            <p className="muted" role="note">
              This upload names no classes of its own: the update keeps the latest version&apos;s classes and the tags of the samples it replaces.
            </p>
          ) : null}
          <div className="row">
            {r.problems.length === 0 ? (
              <button type="button" disabled={pending || report.isFetching} onClick={() => runImport(false)}>
                Import
              </button>
            ) : (
              <button type="button" disabled={pending || report.isFetching || r.validCount === 0} onClick={() => runImport(true)}>
                Import the {r.validCount} valid samples
              </button>
            )}
            {chooseAnotherButton}
            {pending ? <span className="muted">Importing…</span> : null}
            <ErrorAlert message={error} as="span" />
          </div>
        </>
      )}
    </section>
  );
}

function ValueTable({ report, mapping, onChange }: { report: ImportReportDto; mapping: Record<string, number | "void">; onChange: (value: number, target: number | "void") => void }) {
  const v = report.values;
  return (
    <>
      <h3>Mask values</h3>
      <p className="muted">
        {v.sampled ? `Sampled ${v.scannedMasks} of ${v.totalMasks} masks.` : `All ${v.totalMasks} masks scanned.`}{" "}
        {v.undeclared.length ? `${v.undeclared.length} undeclared value(s): map each to a class or to void.` : "Every value is declared."}
      </p>
      <table>
        <thead>
          <tr>
            <th className="num">Value</th>
            <th className="num">Pixels</th>
            <th className="num">Images</th>
            <th>Maps to</th>
          </tr>
        </thead>
        <tbody>
          {v.rows.map((row) => {
            const current = mapping[row.value] ?? row.target;
            return (
              <tr key={row.value}>
                <td className="num">
                  {row.value} {row.target === null ? <span className="badge error">undeclared</span> : null}
                </td>
                <td className="num">{row.pixels.toLocaleString()}</td>
                <td className="num">{row.images}</td>
                <td>
                  <select
                    aria-label={`Value ${row.value} maps to`}
                    value={current === null ? "" : String(current)}
                    onChange={(e) => onChange(row.value, e.target.value === "void" ? "void" : Number(e.target.value))}
                  >
                    {current === null ? <option value="">— choose —</option> : null}
                    {report.classes.map((c) => (
                      <option key={c.index} value={c.index}>
                        {c.index}: {c.name}
                      </option>
                    ))}
                    <option value="void">void (ignored)</option>
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="legend">
        {report.classes.map((c) => (
          <span key={c.index} className="badge">
            <span className="swatch" style={{ background: rgb(c.color) }} /> {c.name}
          </span>
        ))}
      </p>
    </>
  );
}

function Previews({ report }: { report: ImportReportDto }) {
  if (report.previews.length === 0) return null;
  return (
    <>
      <h3>Preview</h3>
      <div className="thumbs">
        {report.previews.map((p) => (
          <figure key={p.name}>
            <img src={p.mask} alt={`Mask ${p.name} in class colours`} />
            <figcaption>{p.name}</figcaption>
          </figure>
        ))}
      </div>
    </>
  );
}

function Problems({ report }: { report: ImportReportDto }) {
  return (
    <section aria-label="Validation report">
      <h3>Validation report</h3>
      {report.problems.length === 0 ? (
        <p>No problems: {plural(report.sampleCount, "sample")} {report.sampleCount === 1 ? "is" : "are"} ready to import.</p>
      ) : (
        <>
          <p className="error">
            {report.problems.length} problem(s); {report.validCount} of {report.sampleCount} samples are valid.
          </p>
          <ul>
            {report.problems.slice(0, 200).map((p, i) => (
              <li key={i}>
                <code>{p.file}</code>: {p.problem}
              </li>
            ))}
          </ul>
          {report.problems.length > 200 ? <p className="muted">and {report.problems.length - 200} more.</p> : null}
        </>
      )}
    </section>
  );
}
