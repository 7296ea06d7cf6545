"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { DatasetPickerGroupDto, PickerModelVersionDto } from "@/lib/contracts/dataset-picker";
import { galleryPageDto } from "@/lib/contracts/dataset-import";
import { queryKeys } from "@/lib/contracts/query-keys";
import { sampleTestDto, type SampleTestDto } from "@/lib/contracts/sample-test";
import { versionToTest } from "@/lib/core/model-classes";
import { DatasetSelect } from "./dataset-select";
import { fetchDto } from "./fetch-dto";
import { ErrorAlert } from "./error-alert";
import { useDebounced } from "./use-debounced";

const SAMPLES_LISTED = 100;

/** GETs the test route; the route's own message (e.g. the runner's error naming the sample) on failure. */
async function fetchSampleTest(modelVersionId: string, datasetVersionId: string, sampleId: string): Promise<SampleTestDto> {
  const qs = new URLSearchParams({ datasetVersionId, sampleId });
  const res = await fetch(`/api/v1/model-versions/${encodeURIComponent(modelVersionId)}/test-image?${qs}`);
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error((json as { error?: { message?: string } } | null)?.error?.message ?? `The test failed (HTTP ${res.status}).`);
  return sampleTestDto.parse(json);
}

/**
 * "Test on one image": pick a version, a dataset (its latest version, or for
 * a predictions version the version its predictions are for) and one of its samples; the version runs on it (onnx, http or its uploaded
 * prediction) and the prediction shows next to the image and the ground truth.
 */
export function TestOneImage({ groups, modelVersions }: { groups: DatasetPickerGroupDto[]; modelVersions: { id: string; number: number; picker: PickerModelVersionDto }[] }) {
  const id = useId();
  const [modelVersionId, setModelVersionId] = useState(modelVersions[0]?.id ?? "");
  const [datasetId, setDatasetId] = useState("");
  const [sampleId, setSampleId] = useState("");
  const [find, setFind] = useState("");
  const nameQuery = useDebounced(find.trim(), 250);
  const [run, setRun] = useState<{ modelVersionId: string; datasetVersionId: string; sampleId: string } | null>(null);
  const picker = modelVersions.find((v) => v.id === modelVersionId)?.picker;
  // The dataset's latest version, or the older one a predictions version has its predictions for.
  const latest = versionToTest(picker, datasetId, groups.flatMap((g) => g.datasets).find((d) => d.id === datasetId)?.latest ?? null);
  const samples = useQuery({
    queryKey: queryKeys.galleryPage(datasetId, latest?.number ?? 0, { page: 0, pageSize: SAMPLES_LISTED, name: nameQuery }),
    queryFn: () =>
      fetchDto(
        `/api/v1/datasets/${encodeURIComponent(datasetId)}/versions/${latest?.number}/samples?${new URLSearchParams({ page: "0", pageSize: String(SAMPLES_LISTED), ...(nameQuery ? { name: nameQuery } : {}) })}`,
        galleryPageDto,
      ),
    enabled: datasetId !== "" && latest !== null,
    placeholderData: (previous, query) => (query?.queryKey[1] === datasetId ? keepPreviousData(previous) : undefined),
  });
  const result = useQuery({
    queryKey: queryKeys.sampleTest(run?.modelVersionId ?? "", `${run?.datasetVersionId}/${run?.sampleId}`),
    queryFn: () => fetchSampleTest(run!.modelVersionId, run!.datasetVersionId, run!.sampleId),
    enabled: run !== null,
    retry: false,
    staleTime: Infinity,
  });

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Test on one image</h2>
      <div className="row">
        <select aria-label="Model version to test" value={modelVersionId} onChange={(e) => (setModelVersionId(e.target.value), setDatasetId(""), setSampleId(""))}>
          {modelVersions.map((v) => (
            <option key={v.id} value={v.id}>
              v{v.number}
            </option>
          ))}
        </select>
        <DatasetSelect groups={groups} modelVersion={picker} anyVersion value={datasetId} onChange={(d) => (setDatasetId(d), setSampleId(""), setFind(""))} ariaLabel="Dataset to test on" />
        <input type="search" aria-label="Find a sample by name" placeholder="Find a sample…" value={find} onChange={(e) => (setFind(e.target.value), setSampleId(""))} disabled={!latest} />
        <select aria-label="Sample to test on" value={sampleId} onChange={(e) => setSampleId(e.target.value)} disabled={!samples.data}>
          <option value="">{samples.isFetching ? "Loading samples…" : "Choose a sample…"}</option>
          {samples.data?.samples.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} ({s.width}x{s.height})
            </option>
          ))}
        </select>
        <button type="button" disabled={!modelVersionId || !latest || !sampleId || result.isFetching} onClick={() => latest && setRun({ modelVersionId, datasetVersionId: latest.id, sampleId })}>
          {result.isFetching ? "Running…" : "Run"}
        </button>
      </div>
      {samples.data && samples.data.total > SAMPLES_LISTED ? (
        <p className="muted">
          The first {SAMPLES_LISTED} of {samples.data.total} {nameQuery ? "matching samples" : "samples"}: type part of a name to find another.
        </p>
      ) : null}
      {samples.data && samples.data.total === 0 && nameQuery ? <p className="muted">No sample name contains “{nameQuery}”.</p> : null}
      <ErrorAlert message={result.isError ? result.error.message : null} />
      {result.data && run ? <SampleTestView result={result.data} sampleId={run.sampleId} /> : null}
    </section>
  );
}

function SampleTestView({ result, sampleId }: { result: SampleTestDto; sampleId: string }) {
  const panel = (title: string, src: string) => (
    <figure style={{ margin: 0, flex: "1 1 220px" }}>
      <img src={src} alt={`${title} of ${result.sampleName}`} style={{ width: "100%", height: "auto", imageRendering: "pixelated" }} />
      <figcaption className="muted">{title}</figcaption>
    </figure>
  );
  return (
    <div aria-label="Test result">
      <p>
        {result.sampleName} ({result.width}x{result.height}): {result.pixelAgreement === null ? "no evaluated pixels" : `${(result.pixelAgreement * 100).toFixed(1)}% of pixels agree`} · {result.ms} ms
      </p>
      <div className="row" style={{ alignItems: "flex-start" }}>
        {panel("Image", `/api/v1/samples/${encodeURIComponent(sampleId)}/image`)}
        {panel("Ground truth", result.groundTruthPng)}
        {panel("Prediction", result.predictionPng)}
        {panel("Errors (green right, red wrong)", result.errorPng)}
      </div>
      <p className="muted">
        {result.legend.map((c) => (
          <span key={c.index} style={{ marginRight: "0.8em" }}>
            <span aria-hidden style={{ display: "inline-block", width: "0.8em", height: "0.8em", background: `rgb(${c.color.join(",")})` }} /> {c.name}
            {c.datasetClass === null ? " (not evaluated)" : c.datasetClass.toLowerCase() === c.name.toLowerCase() ? "" : ` → ${c.datasetClass}`}
          </span>
        ))}
      </p>
    </div>
  );
}
