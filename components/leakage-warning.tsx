import type { LeakageMatch } from "@/lib/core/leakage";
import { plural } from "@/lib/core/charts/score-format";

const pct = (x: number | null) => (x === null ? "—" : `${(100 * x).toFixed(1)}%`);

/**
 * The leakage warning of a results page: evaluation samples that are also in
 * the model's training set (same image, or a near-duplicate), listed, with
 * the metrics recomputed without them.
 */
export function LeakageWarning({
  matches,
  without,
}: {
  matches: LeakageMatch[];
  without: { images: number; miou: number | null; pixelAccuracy: number | null } | null;
}) {
  if (matches.length === 0) return null;
  const exact = matches.filter((m) => m.kind === "exact").length;
  return (
    <section className="panel" role="alert" aria-label="Training data leakage">
      <p className="error">
        <strong>Leakage: {plural(matches.length, "evaluation image")} also in the model&apos;s training set</strong> ({exact} identical, {matches.length - exact} near-duplicates).
        These scores overstate how the model does on unseen images.
      </p>
      {without ? (
        <p>
          Without them ({plural(without.images, "image")}): mIoU <strong data-testid="miou-without-leaked">{pct(without.miou)}</strong>, pixel accuracy {pct(without.pixelAccuracy)}.
        </p>
      ) : null}
      <details>
        <summary>Show the {plural(matches.length, "image")}</summary>
        <ul>
          {matches.map((m) => (
            <li key={m.sample}>
              {m.sample} ↔ {m.trainingSample} ({m.kind === "exact" ? "identical image" : `near-duplicate, perceptual-hash distance ${m.distance} of 256 bits`})
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
