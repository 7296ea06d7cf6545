import { hammingDistance } from "./dhash";

/**
 * Largest dHash Hamming distance (of 64 bits) counted as a near-duplicate.
 * 6 follows common dHash practice (<= 5–10 for "same picture"): re-encoded,
 * slightly resized or re-exposed copies land at 0–4, while frames of one
 * video a second or more apart usually differ by more. Unrelated images
 * average ~32.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 6;

/** A sample's fingerprints: content sha256 of the image bytes and its dHash (16 hex chars). */
export interface SampleFingerprint {
  /** The sample's name (shown to the user). */
  name: string;
  sha256: string;
  dhash: string | null;
}

export interface LeakageMatch {
  /** The evaluation sample. */
  sample: string;
  /** The closest training sample. */
  trainingSample: string;
  kind: "exact" | "near-duplicate";
  /** Hamming distance of the dHashes (0 for exact matches). */
  distance: number;
}

export interface LeakageReport {
  exact: LeakageMatch[];
  nearDuplicates: LeakageMatch[];
  /** Names of all evaluation samples that leak (exact or near), in evaluation order. */
  leaked: string[];
}

/**
 * Finds evaluation samples that also occur in a model's training set:
 * `exact` when the image bytes are the same (same sha256), else
 * `near-duplicate` when some training dHash is within `maxDistance`
 * (default {@link NEAR_DUPLICATE_MAX_DISTANCE}); each evaluation sample is
 * reported once, against its closest training sample. Samples without a
 * dHash are only checked for exact matches. O(evaluation x training) hash
 * comparisons: ~1 µs each, fine for tens of thousands of pairs.
 */
export function findLeakage(
  training: readonly SampleFingerprint[],
  evaluation: readonly SampleFingerprint[],
  opts: { maxDistance?: number } = {},
): LeakageReport {
  const maxDistance = opts.maxDistance ?? NEAR_DUPLICATE_MAX_DISTANCE;
  const bySha = new Map<string, string>();
  for (const t of training) if (!bySha.has(t.sha256)) bySha.set(t.sha256, t.name);
  const hashed = training.filter((t): t is SampleFingerprint & { dhash: string } => t.dhash !== null);
  const exact: LeakageMatch[] = [];
  const nearDuplicates: LeakageMatch[] = [];
  const leaked: string[] = [];
  for (const e of evaluation) {
    const same = bySha.get(e.sha256);
    if (same !== undefined) {
      exact.push({ sample: e.name, trainingSample: same, kind: "exact", distance: 0 });
      leaked.push(e.name);
      continue;
    }
    if (e.dhash === null) continue;
    let best: { name: string; d: number } | null = null;
    for (const t of hashed) {
      if (t.dhash.length !== e.dhash.length) continue;
      const d = hammingDistance(e.dhash, t.dhash);
      if (d <= maxDistance && (best === null || d < best.d)) best = { name: t.name, d };
      if (d === 0) break;
    }
    if (best) {
      nearDuplicates.push({ sample: e.name, trainingSample: best.name, kind: "near-duplicate", distance: best.d });
      leaked.push(e.name);
    }
  }
  return { exact, nearDuplicates, leaked };
}
