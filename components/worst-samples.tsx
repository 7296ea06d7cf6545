import { formatMetric } from "@/lib/format";

/** The images with the lowest mIoU, with their image and ground-truth mask. */
export function WorstSamples({ samples }: { samples: { sampleId: string; name: string; tags: string[]; miou: number | null; pixelAccuracy: number | null }[] }) {
  if (samples.length === 0) return <p className="muted">No per-image results.</p>;
  return (
    <div className="thumbs">
      {samples.map((s) => (
        <figure key={s.sampleId}>
          <img src={`/api/v1/samples/${s.sampleId}/image`} alt={`Image ${s.name}`} loading="lazy" />
          <figcaption>
            <strong>{s.name}</strong> · mIoU {formatMetric(s.miou)}
            <br />
            {s.tags.map((t) => (
              <span key={t} className="badge">
                {t}
              </span>
            ))}
          </figcaption>
        </figure>
      ))}
    </div>
  );
}
