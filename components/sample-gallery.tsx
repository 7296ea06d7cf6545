"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { galleryPageDto } from "@/lib/contracts/dataset-import";
import { queryKeys } from "@/lib/contracts/query-keys";
import { plural } from "@/lib/core/charts/score-format";
import { fetchDto } from "./fetch-dto";
import { RemoveSamplesButton } from "./remove-samples-button";
import { SampleTagsEditor } from "./sample-tags-editor";
import { ErrorAlert } from "./error-alert";
import { TagBadges } from "./tag-badges";

const PAGE_SIZE = 48;
const rgb = (c: readonly number[]) => `rgb(${c[0]},${c[1]},${c[2]})`;

/**
 * A version's samples, one server page at a time (fast at 10,000 samples):
 * thumbnails with the mask overlaid in the class colours (toggle, opacity,
 * legend), filters by tag and by class present, and tag editing for the
 * selected samples.
 */
export function SampleGallery({ datasetId, number, isLatest = false, classes, tags }: { datasetId: string; number: number; isLatest?: boolean; classes: { index: number; name: string; color: readonly number[] }[]; tags: string[] }) {
  const [page, setPage] = useState(0);
  const [tag, setTag] = useState("");
  const [cls, setCls] = useState("");
  const [overlay, setOverlay] = useState(true);
  const [opacity, setOpacity] = useState(0.5);
  // Selected samples by id, with their names (the removal works by name; the selection spans pages).
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const client = useQueryClient();
  const query = { page, tag: tag || undefined, class: cls === "" ? undefined : Number(cls) };
  const key = queryKeys.galleryPage(datasetId, number, query);
  const result = useQuery({
    queryKey: key,
    queryFn: () => {
      const qs = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE), ...(tag ? { tag } : {}), ...(cls !== "" ? { class: cls } : {}) });
      return fetchDto(`/api/v1/datasets/${datasetId}/versions/${number}/samples?${qs}`, galleryPageDto);
    },
    placeholderData: keepPreviousData,
  });
  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const toggle = (id: string, name: string) =>
    setSelected((s) => {
      const next = new Map(s);
      if (!next.delete(id)) next.set(id, name);
      return next;
    });
  const base = `/api/v1/datasets/${datasetId}/versions/${number}/samples`;

  return (
    <section aria-label="Sample gallery">
      <div className="row">
        <label className="field">
          Tag
          <select value={tag} onChange={(e) => (setTag(e.target.value), setPage(0))}>
            <option value="">any</option>
            {tags.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label className="field">
          Class present
          <select value={cls} onChange={(e) => (setCls(e.target.value), setPage(0))}>
            <option value="">any</option>
            {classes.map((c) => (
              <option key={c.index} value={c.index}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="row">
          <input type="checkbox" checked={overlay} onChange={(e) => setOverlay(e.target.checked)} /> Mask overlay
        </label>
        <label className="field">
          Opacity
          <input type="range" min={0} max={1} step={0.05} value={opacity} onChange={(e) => setOpacity(Number(e.target.value))} disabled={!overlay} />
        </label>
      </div>
      <p className="legend">
        {classes.map((c) => (
          <span key={c.index} className="badge">
            <span className="swatch" style={{ background: rgb(c.color) }} /> {c.name}
          </span>
        ))}
      </p>
      <SampleTagsEditor
        datasetId={datasetId}
        sampleIds={[...selected.keys()]}
        onDone={() => {
          setSelected(new Map());
          void client.invalidateQueries({ queryKey: ["gallery", datasetId] });
        }}
      />
      {isLatest ? <RemoveSamplesButton datasetId={datasetId} names={[...selected.values()]} /> : null}
      <ErrorAlert message={result.isError ? result.error.message : null} />
      {data ? (
        <>
          <p className="muted">
            {plural(data.total, "sample")}{tag || cls !== "" ? " match the filters" : ""} · page {page + 1} of {pages}
            {selected.size ? ` · ${selected.size} selected` : ""}
          </p>
          <div className="thumbs">
            {data.samples.map((s) => (
              <figure key={s.id}>
                <div style={{ position: "relative" }}>
                  <img src={`${base}/${s.id}/image`} alt={`Image ${s.name}`} loading="lazy" width={240} style={{ display: "block", width: "100%", height: "auto" }} />
                  {overlay ? (
                    <img src={`${base}/${s.id}/mask`} alt="" aria-hidden loading="lazy" style={{ position: "absolute", inset: 0, width: "100%", height: "100%", opacity }} />
                  ) : null}
                </div>
                <figcaption>
                  <label>
                    <input type="checkbox" checked={selected.has(s.id)} onChange={() => toggle(s.id, s.name)} aria-label={`Select ${s.name}`} /> <strong>{s.name}</strong>
                  </label>{" "}
                  · {s.width}×{s.height}
                  <br />
                  <TagBadges tags={s.tags} />
                </figcaption>
              </figure>
            ))}
          </div>
          <div className="row">
            <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
              Previous
            </button>
            <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
              Next
            </button>
          </div>
        </>
      ) : (
        <p className="muted">Loading samples…</p>
      )}
    </section>
  );
}
