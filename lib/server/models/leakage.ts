import "server-only";
import { findLeakage, isDctHash, type LeakageMatch } from "@/lib/core/leakage";
import { aggregate, fromSparse } from "@/lib/core/metrics";
import { classListSchema } from "@/lib/contracts/classes";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { listImageResults } from "@/lib/server/db/evaluation-results";
import { listTrainingSamples, listVersionFingerprints, setPerceptualHash, sharesTrainingImages, type SampleFingerprintRow } from "@/lib/server/db/leakage";
import { findOwnedEvaluation } from "@/lib/server/db/owned";
import { readBlob } from "@/lib/server/storage/blob-store";
import { perceptualHash } from "./perceptual-hash";

export interface LeakageView {
  /** Training dataset versions were recorded for the model version (else nothing could be checked). */
  checked: boolean;
  matches: LeakageMatch[];
  /** Metrics over the finished images that are NOT in the training set (null before results exist or when every image leaks). */
  without: { images: number; miou: number | null; pixelAccuracy: number | null } | null;
  /**
   * Set while some images still have no perceptual hash (being computed in
   * the background): near-duplicates of those are not in `matches` yet;
   * identical images are. `hashed` of `total` images (training + evaluated).
   */
  pending: { hashed: number; total: number } | null;
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * How long a results page may spend computing missing perceptual hashes
 * before it answers (ms). Hashing takes a few ms per image, so a training set
 * of thousands would hold the page for many seconds: what is left is hashed
 * in the background and the page says the check is still running.
 */
export const INLINE_HASH_BUDGET_MS = 1500;

/** Samples whose hash a background fill of this process is computing (so two page views do not hash them twice). */
const inFlight = new Set<string>();
const fills = new Set<Promise<void>>();
/** How long an image that could not be read or decoded is left alone before it is tried again (ms). */
const UNREADABLE_RETRY_MS = 10 * 60_000;

/**
 * Images this process could not read or decode, by sample and content
 * (`id:sha256`) -> when: not tried again on every results view for
 * UNREADABLE_RETRY_MS (a passing storage error heals), and not left
 * "pending" for ever; such a sample is still matched by its sha256.
 */
const unreadable = new Map<string, number>();
const unreadableKey = (r: SampleFingerprintRow) => `${r.id}:${r.imageSha256}`;
const isUnreadable = (r: SampleFingerprintRow) => {
  const since = unreadable.get(unreadableKey(r));
  if (since === undefined) return false;
  if (performance.now() - since < UNREADABLE_RETRY_MS) return true;
  unreadable.delete(unreadableKey(r));
  return false;
};

const hasCurrentHash = (r: SampleFingerprintRow) => r.perceptualHash !== null && isDctHash(r.perceptualHash);

/** Decodes one sample's image and stores its hash; null (remembered in `unreadable`, logged once) when the image cannot be read or decoded. */
async function hashSample(r: SampleFingerprintRow, db: Db, read: (sha: string) => Promise<Uint8Array>): Promise<string | null> {
  const hash = await read(r.imageSha256)
    .then(perceptualHash)
    .catch((error: unknown) => {
      if (!unreadable.has(unreadableKey(r))) console.error(`[leakage] sample ${r.name}: its image could not be fingerprinted (${error instanceof Error ? error.message : String(error)}); it is matched by content hash only.`);
      return null;
    });
  if (hash) await setPerceptualHash({ sampleId: r.id, hash }, db);
  else unreadable.set(unreadableKey(r), performance.now());
  return hash;
}

/**
 * Fills in missing perceptual hashes and replaces ones of an older format
 * (64-bit dHashes), decoded once and stored on the sample, until
 * `deadline` (performance.now() ms); `known` holds the hashes computed in
 * this check (a sample may be in both lists). Rows left over, or being hashed
 * by a background fill, come back with a null hash and in `missing`.
 */
async function withHashes(rows: SampleFingerprintRow[], db: Db, read: (sha: string) => Promise<Uint8Array>, deadline: number, known: Map<string, string | null>) {
  const out = [];
  const missing: SampleFingerprintRow[] = [];
  for (const r of rows) {
    let hash = hasCurrentHash(r) ? r.perceptualHash : (known.get(r.id) ?? null);
    if (!hash && isUnreadable(r)) known.set(r.id, null);
    if (!hash && !known.has(r.id) && !inFlight.has(r.id) && performance.now() < deadline) known.set(r.id, (hash = await hashSample(r, db, read)));
    else if (!hash && !known.has(r.id)) missing.push(r);
    out.push({ name: r.name, sha256: r.imageSha256, perceptualHash: hash });
  }
  return { rows: out, missing };
}

/** Hashes `rows` one after another in the background of this process (errors logged, never thrown); samples already being hashed are skipped. */
function startHashFill(rows: SampleFingerprintRow[], db: Db, read: (sha: string) => Promise<Uint8Array>): void {
  const mine = [...new Map(rows.filter((r) => !inFlight.has(r.id)).map((r) => [r.id, r])).values()];
  if (mine.length === 0) return;
  for (const r of mine) inFlight.add(r.id);
  const fill = (async () => {
    for (const r of mine) {
      try {
        await hashSample(r, db, read);
      } catch (error) {
        console.error("[leakage] hashing a sample failed", error);
      } finally {
        inFlight.delete(r.id);
      }
    }
  })();
  fills.add(fill);
  void fill.finally(() => fills.delete(fill));
}

/** Resolves when every background hash fill started so far has ended (for tests and an orderly shutdown). */
export async function hashFillsSettled(): Promise<void> {
  while (fills.size > 0) await Promise.allSettled([...fills]);
}

/**
 * Leakage of an owned evaluation: its samples that match a sample of the
 * model version's training dataset versions, by image sha256 or as
 * perceptual-hash near-duplicates (lib/core/leakage). Perceptual hashes are
 * computed lazily and stored (older 64-bit dHashes are recomputed once):
 * for up to `budgetMs` here, the rest in the background, with `pending`
 * saying how far that is. With finished images, also the summary recomputed
 * from the stored per-image matrices without the leaked samples.
 */
export async function checkEvaluationLeakage(
  { ownerId, evaluationId }: { ownerId: string; evaluationId: string },
  db: Db = getPrisma(),
  read: (sha: string) => Promise<Uint8Array> = readBlob,
  budgetMs: number = INLINE_HASH_BUDGET_MS,
): Promise<LeakageView> {
  const evaluation = await findOwnedEvaluation({ ownerId, evaluationId }, db);
  const training = await listTrainingSamples({ modelVersionId: evaluation.modelVersionId }, db);
  if (training.length === 0) return { checked: false, matches: [], without: null, pending: null };
  const deadline = performance.now() + budgetMs;
  const evaluated = await listVersionFingerprints({ datasetVersionId: evaluation.datasetVersionId }, db);
  const known = new Map<string, string | null>();
  const t = await withHashes(training, db, read, deadline, known);
  const e = await withHashes(evaluated, db, read, deadline, known);
  const missing = [...t.missing, ...e.missing];
  if (missing.length > 0) startHashFill(missing, db, read);
  const total = new Set([...training, ...evaluated].map((r) => r.id)).size;
  const left = new Set(missing.map((r) => r.id)).size;
  const pending = left > 0 ? { hashed: total - left, total } : null;
  const report = findLeakage(t.rows, e.rows);
  const matches = [...report.exact, ...report.nearDuplicates];
  if (matches.length === 0) return { checked: true, matches, without: null, pending };
  const leaked = new Set(report.leaked);
  const dv = await db.datasetVersion.findUniqueOrThrow({ where: { id: evaluation.datasetVersionId }, select: { classes: true } });
  const numClasses = classListSchema.parse(dv.classes).length;
  const kept = (await listImageResults({ evaluationId }, db)).filter((r) => !leaked.has(r.name));
  if (kept.length === 0) return { checked: true, matches, without: null, pending };
  const agg = aggregate(kept.map((r) => ({ name: r.name, confusion: fromSparse(numClasses, r.confusion), tags: r.tags })), numClasses);
  return { checked: true, matches, pending, without: { images: kept.length, miou: finite(agg.datasetLevel.miou), pixelAccuracy: finite(agg.datasetLevel.pixelAccuracy) } };
}

/**
 * The leaderboard's leakage mark: of the (model version number, dataset
 * version) pairs, the keys `${number}|${datasetVersionId}` whose dataset
 * version holds an image identical to one the version was trained on
 * (`trainedOn`: training dataset version ids by version number). Exact
 * images only: near-duplicates show on each evaluation's page.
 */
export async function pairsSharingTrainingImages(
  pairs: readonly { modelVersion: number; datasetVersionId: string }[],
  trainedOn: ReadonlyMap<number, readonly string[]>,
  db: Db = getPrisma(),
): Promise<Set<string>> {
  const unique = new Map(pairs.map((p) => [`${p.modelVersion}|${p.datasetVersionId}`, p]));
  const hits = await Promise.all(
    [...unique].map(async ([key, p]) =>
      (await sharesTrainingImages({ datasetVersionId: p.datasetVersionId, trainingVersionIds: trainedOn.get(p.modelVersion) ?? [] }, db)) ? key : null,
    ),
  );
  return new Set(hits.filter((k): k is string => k !== null));
}
