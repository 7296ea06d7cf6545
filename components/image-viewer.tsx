"use client";

import { useEffect, useEffectEvent, useId, useRef, useState } from "react";
import { classPaint } from "@/lib/core/charts/class-color";
import { viewerArrowStep } from "@/lib/core/navigation/viewer-step";
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
 *
 * ←/→ step images wherever focus is in the open viewer (see
 * viewerArrowStep); the overlay radios are separate tab stops chosen with
 * Space or a click, so the arrows never change the overlay. Focus starts on
 * "Next". By default the viewer steps through `images`, wrapping; a list
 * paged elsewhere passes `onStep` (and `counter`) to cross its pages.
 */
export function ImageViewer({
  evaluationId,
  images,
  index,
  classes,
  onIndexChange,
  onStep,
  counter,
  onClose,
}: {
  evaluationId: string;
  images: ViewerImage[];
  index: number | null;
  classes: ViewerClass[];
  /** Steps within `images`, wrapping at both ends (unless `onStep` is given). */
  onIndexChange?: (index: number) => void;
  /** Replaces stepping within `images`: the owner moves through its whole list (e.g. across pages). */
  onStep?: (delta: -1 | 1) => void;
  /** Where the image sits, e.g. "13 of 431"; default "{index + 1} of {images.length}". */
  counter?: string;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [layer, setLayer] = useState<Layer>("prediction");
  const [opacity, setOpacity] = useState(0.6);
  const image = index === null ? null : images[index];
  const isOpen = Boolean(image);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (isOpen && !d.open) {
      d.showModal();
      // showModal focuses the first focusable element (the first overlay radio): React's autoFocus ran before the dialog was open, so focus "Next" here.
      nextRef.current?.focus();
    }
    if (!isOpen && d.open) d.close();
  }, [isOpen]);

  const go = (delta: -1 | 1) => {
    if (index === null || images.length === 0) return;
    if (onStep) onStep(delta);
    else onIndexChange?.((index + delta + images.length) % images.length);
  };
  const onArrow = useEffectEvent((e: KeyboardEvent) => {
    const delta = viewerArrowStep(e, e.target instanceof HTMLElement ? e.target : null);
    if (delta === null) return;
    // Also keeps a focused radio or slider from taking the arrow.
    e.preventDefault();
    go(delta);
  });
  useEffect(() => {
    if (!isOpen) return;
    // On the document, not the dialog: ←/→ must work wherever focus is while the viewer is open (also on the body after a click on an image).
    const listener = (e: KeyboardEvent) => onArrow(e);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, [isOpen]);
  const present = image?.classesPresent ? classes.filter((c) => image.classesPresent!.includes(c.index)) : classes;

  return (
    <dialog ref={ref} aria-labelledby={titleId} className="viewer" onClose={onClose}>
      {image ? (
        <>
          <div className="row" style={{ justifyContent: "space-between" }}>
            <h2 id={titleId} style={{ margin: 0 }}>
              {image.name}
            </h2>
            <span className="muted">
              <span data-testid="viewer-counter">{counter ?? `${index! + 1} of ${images.length}`}</span> · mIoU <Score value={image.miou} />{" "}
              <TagBadges tags={image.tags} />
            </span>
          </div>
          <div className="row" style={{ margin: "0.6rem 0" }}>
            <div role="radiogroup" aria-label="Overlay" className="row">
              {/* No shared name: each radio is its own tab stop, chosen with Space, so ←/→ stay with the images. */}
              {LAYERS.map((l, i) => (
                <label key={l.value} className="row" style={{ gap: "0.25rem" }}>
                  <input type="radio" checked={layer === l.value} onChange={() => setLayer(l.value)} aria-posinset={i + 1} aria-setsize={LAYERS.length} />
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
              <button type="button" className="secondary" onClick={() => go(1)} aria-keyshortcuts="ArrowRight" ref={nextRef}>
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
