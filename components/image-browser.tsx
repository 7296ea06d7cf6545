"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { pageOfPosition, stepPosition } from "@/lib/core/navigation/viewer-step";
import { imagesPageDto } from "@/lib/contracts/results";
import { queryKeys } from "@/lib/contracts/query-keys";
import { fetchDto } from "./fetch-dto";
import { ImageViewer, imageUrl, type ViewerClass } from "./image-viewer";
import { Score } from "./score-mode";
import { TagBadges } from "./tag-badges";

const PAGE_SIZE = 12;

/**
 * Every evaluated image, worst first by mIoU or by one class's IoU,
 * filterable by tag and by a class present in the ground truth; sorted,
 * filtered and paged on the server. Clicking an image opens the viewer,
 * whose ←/→ go through every filtered image, turning the page at its ends.
 */
export function ImageBrowser({ evaluationId, classes }: { evaluationId: string; classes: ViewerClass[] }) {
  const [sort, setSort] = useState("miou");
  const [tag, setTag] = useState("");
  const [classPresent, setClassPresent] = useState("");
  const [page, setPage] = useState(1);
  // The viewer's image as a position in the whole filtered list (0-based), and the one on screen while its page loads.
  const [open, setOpen] = useState<{ position: number; shown: number } | null>(null);
  const params: Record<string, string> = { sort, page: String(page), pageSize: String(PAGE_SIZE) };
  if (tag) params.tag = tag;
  if (classPresent) params.classPresent = classPresent;
  const query = useQuery({
    queryKey: queryKeys.evaluationImages(evaluationId, params),
    queryFn: () => fetchDto(`/api/v1/evaluations/${encodeURIComponent(evaluationId)}/images?${new URLSearchParams(params)}`, imagesPageDto),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const offset = data ? (data.page - 1) * data.pageSize : 0;
  // While the next page loads, the grid keeps the previous one (placeholder): the viewer keeps its image until the new page is there.
  const at = open === null ? null : query.isPlaceholderData ? open.shown : open.position;
  const viewerIndex = at !== null && data && at >= offset && at - offset < data.items.length ? at - offset : null;
  const openAt = (position: number) => {
    setOpen({ position, shown: position });
    setPage(pageOfPosition(position, PAGE_SIZE).page);
  };
  const step = (delta: -1 | 1) => {
    if (open === null || viewerIndex === null || !data || data.total === 0) return;
    const position = stepPosition(open.position, delta, data.total);
    setOpen({ position, shown: offset + viewerIndex });
    setPage(pageOfPosition(position, PAGE_SIZE).page);
  };
  const sortClass = sort.startsWith("class:") ? classes.find((c) => `class:${c.index}` === sort) : undefined;
  const change = (fn: () => void) => {
    fn();
    setPage(1);
  };
  return (
    <section className="panel" aria-label="Per-image results">
      <div className="row">
        <label className="row">
          Order
          <select value={sort} onChange={(e) => change(() => setSort(e.target.value))}>
            <option value="miou">Worst mIoU first</option>
            {classes.map((c) => (
              <option key={c.index} value={`class:${c.index}`}>
                Worst {c.name} IoU first
              </option>
            ))}
          </select>
        </label>
        <label className="row">
          Tag
          <select value={tag} onChange={(e) => change(() => setTag(e.target.value))}>
            <option value="">All tags</option>
            {(data?.tags ?? []).map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="row">
          Class present
          <select value={classPresent} onChange={(e) => change(() => setClassPresent(e.target.value))}>
            <option value="">Any class</option>
            {classes.map((c) => (
              <option key={c.index} value={c.index}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <span className="muted" aria-live="polite">
          {data ? `${data.total.toLocaleString("en-US")} ${data.total === 1 ? "image" : "images"}` : "Loading…"}
        </span>
      </div>
      {query.isError ? <p className="error">{query.error.message}</p> : null}
      {data && data.items.length === 0 ? <p className="muted">No image matches these filters.</p> : null}
      <ol className="thumbs image-grid" style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }} start={(page - 1) * PAGE_SIZE + 1}>
        {(data?.items ?? []).map((im, i) => (
          <li key={im.sampleId}>
            <figure>
              <button type="button" className="thumb-button" onClick={() => openAt(offset + i)} aria-label={`Open ${im.name}`}>
                <img src={imageUrl(im.sampleId)} alt="" loading="lazy" />
              </button>
              <figcaption>
                <strong>{im.name}</strong> · mIoU <Score value={im.miou} />
                {sortClass ? (
                  <>
                    {" "}
                    · {sortClass.name} <Score value={im.classIou} />
                  </>
                ) : null}{" "}
                <TagBadges tags={im.tags} />
              </figcaption>
            </figure>
          </li>
        ))}
      </ol>
      <nav className="row" aria-label="Pages">
        <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          Previous page
        </button>
        <span>
          Page {data?.page ?? page} of {data?.pages ?? "…"}
        </span>
        <button type="button" className="secondary" disabled={!data || page >= data.pages} onClick={() => setPage(page + 1)}>
          Next page
        </button>
      </nav>
      <ImageViewer
        evaluationId={evaluationId}
        images={data?.items ?? []}
        index={viewerIndex}
        classes={classes}
        onStep={step}
        counter={at !== null && data ? `${(at + 1).toLocaleString("en-US")} of ${data.total.toLocaleString("en-US")}${open && open.position !== at ? " · loading…" : ""}` : undefined}
        onClose={() => setOpen(null)}
      />
    </section>
  );
}
