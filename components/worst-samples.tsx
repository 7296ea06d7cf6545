import { formatMetric } from "@/lib/core/format";

interface WorstSample {
  sampleId: string;
  name: string;
  tags: string[];
  miou: number | null;
  pixelAccuracy: number | null;
}

/** The images with the lowest mIoU: the image, its ground truth, the prediction and the error map side by side. */
export function WorstSamples({ evaluationId, samples }: { evaluationId: string; samples: WorstSample[] }) {
  if (samples.length === 0) return <p className="muted">No per-image results.</p>;
  const view = (s: WorstSample, v: string) => `/api/v1/evaluations/${evaluationId}/samples/${s.sampleId}/${v}`;
  return (
    <div style={{ display: "grid", gap: "0.75rem" }}>
      <p className="muted" style={{ margin: 0 }}>
        Error map: <span style={{ color: "rgb(46,160,67)" }}>■</span> correct · <span style={{ color: "rgb(214,39,40)" }}>■</span> wrong ·{" "}
        <span style={{ color: "rgb(128,128,128)" }}>■</span> ignored (void in the ground truth)
      </p>
      {samples.map((s) => (
        <figure key={s.sampleId} className="panel" style={{ margin: 0 }}>
          <figcaption style={{ marginBottom: "0.4rem" }}>
            <strong>{s.name}</strong> · mIoU {formatMetric(s.miou)} · pixel accuracy {formatMetric(s.pixelAccuracy)}{" "}
            {s.tags.map((t) => (
              <span key={t} className="badge">
                {t}
              </span>
            ))}
          </figcaption>
          <div className="thumbs" style={{ gridTemplateColumns: "repeat(4, 1fr)" }}>
            <img src={`/api/v1/samples/${s.sampleId}/image`} alt={`Image ${s.name}`} loading="lazy" />
            <img src={view(s, "truth")} alt={`Ground truth ${s.name}`} loading="lazy" />
            <img src={view(s, "prediction")} alt={`Prediction ${s.name}`} loading="lazy" />
            <img src={view(s, "errors")} alt={`Error map ${s.name}`} loading="lazy" />
          </div>
        </figure>
      ))}
    </div>
  );
}
