"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { prepareConfusionHeatmap, type HeatmapCell, type HeatmapClass, type HeatmapMode } from "@/lib/core/charts/confusion-heatmap";
import { plural } from "@/lib/core/charts/score-format";
import { confusionImagesDto } from "@/lib/contracts/results";
import { queryKeys } from "@/lib/contracts/query-keys";
import { fetchDto } from "./fetch-dto";
import { ImageViewer, imageUrl } from "./image-viewer";
import { Score } from "./score-mode";

/**
 * The dataset-level confusion matrix as a heatmap: rows = ground truth,
 * columns = prediction plus "outside class list"; counts or row shares;
 * scrolls with sticky class names for many classes; hover shows counts and
 * shares; clicking a cell lists the images with the most of that confusion
 * (12 at a time, with their total and "Show more").
 */
export function ConfusionMatrix({ evaluationId, matrix, classes }: { evaluationId: string; matrix: number[][]; classes: HeatmapClass[] }) {
  const [mode, setMode] = useState<HeatmapMode>("row");
  const [hover, setHover] = useState<HeatmapCell | null>(null);
  const [selected, setSelected] = useState<HeatmapCell | null>(null);
  const heatmap = useMemo(() => prepareConfusionHeatmap(matrix, classes, mode), [matrix, classes, mode]);
  const cellAt = (target: EventTarget) => {
    const el = (target as HTMLElement).closest<HTMLElement>("[data-cell]");
    if (!el) return null;
    const [g, p] = el.dataset.cell!.split(",").map(Number);
    return heatmap.rows[g]?.cells[p] ?? null;
  };
  return (
    <section className="panel" aria-label="Confusion matrix">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <div role="radiogroup" aria-label="Confusion matrix values" className="row">
          <label className="row" style={{ gap: "0.25rem" }}>
            <input type="radio" name="cm-mode" checked={mode === "row"} onChange={() => setMode("row")} /> Row-normalised
          </label>
          <label className="row" style={{ gap: "0.25rem" }}>
            <input type="radio" name="cm-mode" checked={mode === "counts"} onChange={() => setMode("counts")} /> Pixel counts
          </label>
        </div>
        <span className="muted" aria-live="polite" style={{ minHeight: "1.2em" }}>
          {hover ? hover.title : "Rows: ground truth · columns: prediction. Hover a cell for counts, click it for its images."}
        </span>
      </div>
      <div className="heatmap-scroll" onMouseOver={(e) => setHover(cellAt(e.target))} onMouseLeave={() => setHover(null)}>
        <table className="heatmap" aria-label="Confusion matrix heatmap">
          <thead>
            <tr>
              <th className="corner">GT ↓ · predicted →</th>
              {heatmap.columns.map((c) => (
                <th key={c.name} scope="col" className="col-label" style={{ color: c.index === null ? undefined : c.paint.text }}>
                  <span>{c.name}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {heatmap.rows.map((r) => (
              <tr key={r.label.name}>
                <th scope="row" className="row-label" style={{ color: r.label.paint.text }}>
                  <span className="swatch" style={{ background: r.label.paint.fill, borderColor: r.label.paint.stroke ?? undefined }} />
                  {r.label.name}
                </th>
                {r.cells.map((c) => (
                  <td key={c.pred} data-cell={`${c.gt},${c.pred}`} style={{ background: c.background, color: c.color ?? undefined }} className={c.pred === r.cells.length - 1 ? "spill" : undefined}>
                    {c.count > 0 ? (
                      <button type="button" aria-label={c.title} onClick={() => setSelected(c)} aria-pressed={selected?.gt === c.gt && selected?.pred === c.pred}>
                        {c.text}
                      </button>
                    ) : (
                      <span className="muted">{c.text}</span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected ? <CellImages key={`${selected.gt},${selected.pred}`} evaluationId={evaluationId} cell={selected} classes={classes} /> : null}
    </section>
  );
}

/** Images per request of the cell's list ("Show more" loads the next slice). */
const SLICE = 12;

function CellImages({ evaluationId, cell, classes }: { evaluationId: string; cell: HeatmapCell; classes: HeatmapClass[] }) {
  const [open, setOpen] = useState<number | null>(null);
  const query = useInfiniteQuery({
    queryKey: queryKeys.confusionImages(evaluationId, cell.gt, cell.pred),
    queryFn: ({ pageParam }) =>
      fetchDto(`/api/v1/evaluations/${encodeURIComponent(evaluationId)}/confusion/images?${new URLSearchParams({ gt: String(cell.gt), pred: String(cell.pred), skip: String(pageParam), take: String(SLICE) })}`, confusionImagesDto),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return last.items.length > 0 && loaded < last.total ? loaded : undefined;
    },
  });
  const name = (i: number) => classes.find((c) => c.index === i)?.name ?? (i === classes.length ? "outside class list" : `class ${i}`);
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const total = query.data?.pages.at(-1)?.total ?? 0;
  const what = `where ${name(cell.gt)} is predicted as ${name(cell.pred)}`;
  return (
    <div aria-label="Images with this confusion" role="region" style={{ marginTop: "0.75rem" }}>
      <h3 style={{ margin: "0 0 0.4rem" }}>
        Where {name(cell.gt)} is predicted as {name(cell.pred)}
      </h3>
      {query.isPending ? <p className="muted">Loading…</p> : null}
      {query.isError ? <p className="error">{query.error.message}</p> : null}
      {query.data && items.length === 0 ? <p className="muted">No image has this confusion.</p> : null}
      {items.length > 0 ? (
        <p className="muted" aria-live="polite" data-testid="confusion-images-count">
          Showing {items.length.toLocaleString("en-US")} of {plural(total, "image")}, most confused pixels first
        </p>
      ) : null}
      <div className="thumbs">
        {items.map((im, i) => (
          <figure key={im.sampleId}>
            <button type="button" className="thumb-button" onClick={() => setOpen(i)} aria-label={`Open ${im.name}`}>
              <img src={imageUrl(im.sampleId)} alt="" loading="lazy" />
            </button>
            <figcaption>
              {im.name} · {im.pixels.toLocaleString("en-US")} px{im.rowShare !== null ? <> (<Score value={im.rowShare} /> of its {name(cell.gt)})</> : null}
            </figcaption>
          </figure>
        ))}
      </div>
      {query.hasNextPage ? (
        <button
          type="button"
          className="secondary"
          style={{ marginTop: "0.5rem" }}
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
          aria-busy={query.isFetchingNextPage}
          aria-label={`Show more images ${what} (${(total - items.length).toLocaleString("en-US")} not shown)`}
        >
          Show more
        </button>
      ) : null}
      <ImageViewer
        evaluationId={evaluationId}
        images={items.map((im) => ({ sampleId: im.sampleId, name: im.name, tags: im.tags, miou: im.miou }))}
        index={open}
        classes={classes.map((c) => ({ index: c.index, name: c.name, color: [c.color[0], c.color[1], c.color[2]] }))}
        counter={open !== null && items.length < total ? `${open + 1} of the ${items.length} shown (${total.toLocaleString("en-US")} in all)` : undefined}
        onIndexChange={setOpen}
        onClose={() => setOpen(null)}
      />
    </div>
  );
}
