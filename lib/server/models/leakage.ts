import "server-only";
import { findLeakage, isDctHash, type LeakageMatch } from "@/lib/core/leakage";
import { aggregate, fromSparse } from "@/lib/core/metrics";
import { classListSchema } from "@/lib/contracts/classes";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { listImageResults } from "@/lib/server/db/evaluation-results";
import { listTrainingSamples, listVersionFingerprints, setPerceptualHash, type SampleFingerprintRow } from "@/lib/server/db/leakage";
import { findOwnedEvaluation } from "@/lib/server/db/owned";
import { readBlob } from "@/lib/server/storage/blob-store";
import { perceptualHash } from "./perceptual-hash";

export interface LeakageView {
  /** Training dataset versions were recorded for the model version (else nothing could be checked). */
  checked: boolean;
  matches: LeakageMatch[];
  /** Metrics over the finished images that are NOT in the training set (null before results exist or when every image leaks). */
  without: { images: number; miou: number | null; pixelAccuracy: number | null } | null;
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** Fills in missing perceptual hashes and replaces ones of an older format (64-bit dHashes): decoded once, then stored on the sample. */
async function withHashes(rows: SampleFingerprintRow[], db: Db, read: (sha: string) => Promise<Uint8Array>) {
  const out = [];
  for (const r of rows) {
    let hash = r.perceptualHash !== null && isDctHash(r.perceptualHash) ? r.perceptualHash : null;
    if (!hash) {
      hash = await perceptualHash(await read(r.imageSha256)).catch(() => null);
      if (hash) await setPerceptualHash({ sampleId: r.id, hash }, db);
    }
    out.push({ name: r.name, sha256: r.imageSha256, perceptualHash: hash });
  }
  return out;
}

/**
 * Leakage of an owned evaluation: its samples that match a sample of the
 * model version's training dataset versions, by image sha256 or as
 * perceptual-hash near-duplicates (lib/core/leakage). Perceptual hashes are
 * computed lazily and stored (older 64-bit dHashes are recomputed once).
 * With finished images, also the summary recomputed from the stored
 * per-image matrices without the leaked samples.
 */
export async function checkEvaluationLeakage(
  { ownerId, evaluationId }: { ownerId: string; evaluationId: string },
  db: Db = getPrisma(),
  read: (sha: string) => Promise<Uint8Array> = readBlob,
): Promise<LeakageView> {
  const evaluation = await findOwnedEvaluation({ ownerId, evaluationId }, db);
  const training = await listTrainingSamples({ modelVersionId: evaluation.modelVersionId }, db);
  if (training.length === 0) return { checked: false, matches: [], without: null };
  const report = findLeakage(await withHashes(training, db, read), await withHashes(await listVersionFingerprints({ datasetVersionId: evaluation.datasetVersionId }, db), db, read));
  const matches = [...report.exact, ...report.nearDuplicates];
  if (matches.length === 0) return { checked: true, matches, without: null };
  const leaked = new Set(report.leaked);
  const dv = await db.datasetVersion.findUniqueOrThrow({ where: { id: evaluation.datasetVersionId }, select: { classes: true } });
  const numClasses = classListSchema.parse(dv.classes).length;
  const kept = (await listImageResults({ evaluationId }, db)).filter((r) => !leaked.has(r.name));
  if (kept.length === 0) return { checked: true, matches, without: null };
  const agg = aggregate(kept.map((r) => ({ name: r.name, confusion: fromSparse(numClasses, r.confusion), tags: r.tags })), numClasses);
  return { checked: true, matches, without: { images: kept.length, miou: finite(agg.datasetLevel.miou), pixelAccuracy: finite(agg.datasetLevel.pixelAccuracy) } };
}
