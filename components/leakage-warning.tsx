import { leakageCounts, type LeakageMatch } from "@/lib/core/leakage";
import { plural } from "@/lib/core/charts/score-format";
import { Score } from "./score-mode";

/** While perceptual hashes are still being computed: how far the check is, and that near-duplicates may be missing. */
function PendingCheck({ pending }: { pending: { hashed: number; total: number } }) {
  return (
    <p role="status">
      Leakage check still running: {pending.hashed.toLocaleString("en-US")} of {plural(pending.total, "image")} (training and evaluated) fingerprinted so far; near-duplicates of the
      rest are not listed yet. Reload the page to see more.
    </p>
  );
}

/**
 * The leakage warning of a results page: evaluation samples that are also in
 * the model's training set (same image, or a near-duplicate), listed, with
 * the metrics recomputed without them; and, while the images' perceptual
 * hashes are still being computed in the background, how far that is.
 */
export function LeakageWarning({
  matches,
  without,
  pending = null,
}: {
  matches: LeakageMatch[];
  without: { images: number; miou: number | null; pixelAccuracy: number | null } | null;
  pending?: { hashed: number; total: number } | null;
}) {
  if (matches.length === 0) return pending ? <section className="panel" aria-label="Training data leakage"><PendingCheck pending={pending} /></section> : null;
  const { exact, nearDuplicates } = leakageCounts(matches);
  return (
    <section className="panel" role="alert" aria-label="Training data leakage">
      {pending ? <PendingCheck pending={pending} /> : null}
      <p className="error">
        <strong>Leakage: {plural(matches.length, "evaluation image")} also in the model&apos;s training set</strong> ({exact} identical, {nearDuplicates} near-duplicates).
        These scores overstate how the model does on unseen images.
      </p>
      {without ? (
        <p>
          Without them ({plural(without.images, "image")}): mIoU{" "}
          <strong>
            <Score value={without.miou} testId="miou-without-leaked" />
          </strong>
          , pixel accuracy <Score value={without.pixelAccuracy} />.
        </p>
      ) : (
        <p>Every evaluated image is one of them: no image is left to score without them. Evaluate on images the model was not trained on.</p>
      )}
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
