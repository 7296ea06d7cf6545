import { ErrorMapLegend } from "./error-map-legend";
import { SamplePanels } from "./image-viewer";
import { Score } from "./score-mode";
import { TagBadges } from "./tag-badges";

interface WorstSample {
  sampleId: string;
  name: string;
  tags: string[];
  miou: number | null;
  pixelAccuracy: number | null;
}

/** The images with the lowest mIoU: the image, its ground truth, the prediction and the error map side by side, each labelled. */
export function WorstSamples({ evaluationId, samples }: { evaluationId: string; samples: WorstSample[] }) {
  if (samples.length === 0) return <p className="muted">No per-image results.</p>;
  return (
    <div style={{ display: "grid", gap: "0.75rem" }}>
      <ErrorMapLegend />
      {samples.map((s) => (
        <figure key={s.sampleId} className="panel" style={{ margin: 0 }}>
          <figcaption style={{ marginBottom: "0.4rem" }}>
            <strong>{s.name}</strong> · mIoU <Score value={s.miou} /> · pixel accuracy <Score value={s.pixelAccuracy} />{" "}
            <TagBadges tags={s.tags} />
          </figcaption>
          <SamplePanels evaluationId={evaluationId} sampleId={s.sampleId} name={s.name} />
        </figure>
      ))}
    </div>
  );
}
