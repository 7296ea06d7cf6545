"use client";

import { useEffect, useId, useRef, useState } from "react";
import { classPaint } from "@/lib/core/charts/class-color";
import { ErrorMapLegend } from "./error-map-legend";
import { Score } from "./score-mode";
import { TagBadges } from "./tag-badges";

export interface ViewerImage { sampleId: string; name: string; tags: string[]; miou: number | null; classesPresent?: number[] }
export interface ViewerClass { index: number; name: string; color: [number, number, number] }

type Layer = "truth" | "prediction" | "errors" | "none";
const LAYERS: { value: Layer; label: string }[] = [
  { value: "prediction", label: "Prediction" },
  { value: "truth", label: "Ground truth" },
  { value: "errors", label: "Error map" },
  { value: "none", label: "Image only" },
];

/** URL of an evaluated image's rendered view (ground truth, prediction or error map), served by the sample view route. */
export const viewUrl = (evaluationId: string, sampleId: string, view: Exclude<Layer, "none">) =>
  `/api/v1/evaluations/${encodeURIComponent(evaluationId)}/samples/${encodeURIComponent(sampleId)}/${view}`;
export const imageUrl = (sampleId: string) => `/api/v1/samples/${encodeURIComponent(sampleId)}/image`;

/**
 * The per-image viewer (a modal dialog): the image with ground truth,
 * prediction or error map laid over it (opacity slider), the four panels
 * side by side with labels, a class legend in class colours, and
 * ←/→ (or the buttons) for the previous/next image of the list.
 */
export function ImageViewer({
  evaluationId,
  images,
  index,
  classes,
  onIndexChange,
  onClose,
}: {
  evaluationId: string;
  images: ViewerImage[];
  index: number | null;
  classes: ViewerClass[];
  onIndexChange: (index: number) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [layer, setLayer] = useState<Layer>("prediction");
  const [opacity, setOpacity] = useState(0.6);
  const image = index === null ? null : images[index];

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (image && !d.open) d.showModal();
    if (!image && d.open) d.close();
  }, [image]);

  const go = (delta: number) => {
    if (index === null || images.length === 0) return;
    onIndexChange((index + delta + images.length) % images.length);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    // Inputs (overlay radios, opacity slider) keep their own arrow keys.
    if (["INPUT", "SELECT", "TEXTAREA"].includes((e.target as HTMLElement).tagName)) return;
    if (e.key === "ArrowRight") {
      e.preventDefault();
      go(1);
    } else if (e.key === "ArrowLeft") {
      e.preventDefault();
      go(-1);
    }
  };
  const present = image?.classesPresent ? classes.filter((c) => image.classesPresent!.includes(c.index)) : classes;

  return (
    <dialog ref={ref} aria-labelledby={titleId} className="viewer" onClose={onClose} onKeyDown={onKeyDown}>
      {image ? (
        <>
          <div className="row" style={{ justifyContent: "space-between" }}>
            <h2 id={titleId} style={{ margin: 0 }}>
              {image.name}
            </h2>
            <span className="muted">
              {index! + 1} of {images.length} · mIoU <Score value={image.miou} />{" "}
              <TagBadges tags={image.tags} />
            </span>
          </div>
          <div className="row" style={{ margin: "0.6rem 0" }}>
            <div role="radiogroup" aria-label="Overlay" className="row">
              {LAYERS.map((l) => (
                <label key={l.value} className="row" style={{ gap: "0.25rem" }}>
                  <input type="radio" name={`${titleId}-layer`} checked={layer === l.value} onChange={() => setLayer(l.value)} />
                  {l.label}
                </label>
              ))}
            </div>
            <label className="row">
              Opacity
              <input type="range" min={0} max={1} step={0.05} value={opacity} onChange={(e) => setOpacity(Number(e.target.value))} aria-label="Overlay opacity" />
            </label>
          </div>
          <div className="viewer-stage">
            <img src={imageUrl(image.sampleId)} alt={`Image ${image.name}`} />
            {layer !== "none" ? (
              <img src={viewUrl(evaluationId, image.sampleId, layer)} alt={`${LAYERS.find((l) => l.value === layer)!.label} overlay ${image.name}`} style={{ opacity }} className="overlay" />
            ) : null}
          </div>
          {layer === "errors" ? (
            <ErrorMapLegend />
          ) : (
            <ul className="legend" aria-label="Class legend">
              {present.map((c) => {
                const p = classPaint(c.color);
                return (
                  <li key={c.index}>
                    <span className="swatch" style={{ background: p.fill, borderColor: p.stroke ?? undefined }} />
                    {c.name}
                  </li>
                );
              })}
            </ul>
          )}
          <SamplePanels evaluationId={evaluationId} sampleId={image.sampleId} name={image.name} />
          <div className="row" style={{ justifyContent: "space-between", marginTop: "0.6rem" }}>
            <div className="row">
              <button type="button" className="secondary" onClick={() => go(-1)} aria-keyshortcuts="ArrowLeft">
                ← Previous
              </button>
              <button type="button" className="secondary" onClick={() => go(1)} aria-keyshortcuts="ArrowRight" autoFocus>
                Next →
              </button>
              <span className="muted">or press ← / →</span>
            </div>
            <button type="button" onClick={() => ref.current?.close()}>
              Close
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}

/** The four labelled panels of one evaluated image: image, ground truth, prediction, error map. */
export function SamplePanels({ evaluationId, sampleId, name }: { evaluationId: string; sampleId: string; name: string }) {
  const panels = [
    { label: "Image", src: imageUrl(sampleId) },
    { label: "Ground truth", src: viewUrl(evaluationId, sampleId, "truth") },
    { label: "Prediction", src: viewUrl(evaluationId, sampleId, "prediction") },
    { label: "Error map", src: viewUrl(evaluationId, sampleId, "errors") },
  ];
  return (
    <div className="thumbs" style={{ gridTemplateColumns: "repeat(4, 1fr)" }}>
      {panels.map((p) => (
        <figure key={p.label}>
          <img src={p.src} alt={`${p.label} ${name}`} loading="lazy" />
          <figcaption>{p.label}</figcaption>
        </figure>
      ))}
    </div>
  );
}
