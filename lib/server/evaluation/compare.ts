import "server-only";
import { computeScores, fromSparse, pairedBootstrapClassDiffs, pairedBootstrapMiouDiff, sumConfusions, type ConfusionMatrix } from "@/lib/core/metrics";
import type { ClassDiff, EvaluationComparison, VersionComparison } from "@/lib/contracts/comparison";
import { summaryMiou } from "@/lib/contracts/evaluation-summary";
import type { SparseConfusion } from "@/lib/contracts/sample-result";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { listSampleMatrices } from "@/lib/server/db/evaluation-results";
import { findSucceededEvaluation, listComparableEvaluations } from "@/lib/server/db/evaluations";
import { SUMMARY_BOOTSTRAP } from "./finalize";

/** Most paired comparisons kept in memory (each is a few KB). */
const PAIR_CACHE_SIZE = 512;
/**
 * Paired comparisons of two finished evaluations, by "<this id>:<other id>".
 * Both are immutable once succeeded, so a result never goes stale; without
 * this, every results page view reran 2 x 1000 bootstrap resamples per other
 * version on the server's one thread.
 */
const pairCache = new Map<string, VersionComparison>();

function rememberPair(key: string, value: VersionComparison): void {
  pairCache.set(key, value);
  if (pairCache.size > PAIR_CACHE_SIZE) pairCache.delete(pairCache.keys().next().value!);
}

/**
 * How a finished evaluation compares with the owner's other finished
 * evaluations: (1) other model versions on the same dataset version — the
 * latest evaluation of each — with the mIoU difference as a paired bootstrap
 * over the images both scored (same resamples for both, 1000 resamples,
 * seed 0); (2) the same model version on other datasets (not paired: the
 * images differ). Recomputed from the stored per-image matrices. Another
 * owner's or an unfinished evaluation compares with nothing. Only
 * evaluations whose classes were matched by name are compared: one with an
 * edited class mapping compares with nothing, and others with one are left
 * out (and counted). Paired results are cached per pair of finished
 * evaluations (see pairCache).
 */
export async function compareEvaluation(
  { ownerId, evaluationId }: { ownerId: string; evaluationId: string },
  db: Db = getPrisma(),
): Promise<EvaluationComparison> {
  const self = await findSucceededEvaluation({ ownerId, evaluationId }, db);
  if (!self) return { versions: [], datasets: [] };
  if (self.customMapping) return { versions: [], datasets: [], editedMapping: { self: true, leftOut: 0 } };
  const { numClasses } = self;
  const comparable = await listComparableEvaluations({ ownerId, evaluationId, modelVersionId: self.modelVersionId, datasetVersionId: self.datasetVersionId }, db);
  const others = comparable.filter((o) => !o.customMapping);
  // Counted only where one would have been shown: a re-run of this very pair never is.
  const leftOut = comparable.filter((o) => o.customMapping && !(o.modelVersionId === self.modelVersionId && o.datasetVersionId === self.datasetVersionId)).length;
  const editedMapping = { self: false, leftOut };

  const seenVersions = new Set<string>([self.modelVersionId]);
  const sameDataset = others.filter((o) => o.datasetVersionId === self.datasetVersionId && !seenVersions.has(o.modelVersionId) && seenVersions.add(o.modelVersionId));
  const uncached = sameDataset.some((o) => !pairCache.has(`${evaluationId}:${o.id}`));
  const mine = uncached ? await listSampleMatrices({ evaluationId }, db) : new Map<string, SparseConfusion>();
  const versions: VersionComparison[] = [];
  for (const o of sameDataset) {
    const key = `${evaluationId}:${o.id}`;
    const cached = pairCache.get(key);
    if (cached) {
      versions.push(cached);
      continue;
    }
    const theirs = await listSampleMatrices({ evaluationId: o.id }, db);
    const { a, b } = pairByImage(numClasses, theirs, mine);
    const paired = pairedBootstrapMiouDiff(a, b, SUMMARY_BOOTSTRAP);
    const perClass = pairedClassDiffs(numClasses, a, b);
    const comparison: VersionComparison = {
      evaluationId: o.id,
      modelName: o.modelVersion.model.name,
      modelVersion: o.modelVersion.number,
      miou: summaryMiou(o.summary),
      diff: paired.estimate,
      low: paired.low,
      high: paired.high,
      signFlipShare: paired.signFlipShare,
      pairedImages: a.length,
      perClass,
    };
    rememberPair(key, comparison);
    versions.push(comparison);
  }

  const seenDatasets = new Set<string>([self.datasetVersionId]);
  const datasets = others
    .filter((o) => o.modelVersionId === self.modelVersionId && !seenDatasets.has(o.datasetVersionId) && seenDatasets.add(o.datasetVersionId))
    .map((o) => ({
      evaluationId: o.id,
      datasetName: o.datasetVersion.dataset.name,
      datasetVersion: o.datasetVersion.number,
      appName: o.datasetVersion.dataset.app.name,
      miou: summaryMiou(o.summary),
      low: o.summary?.miouCi.low ?? null,
      high: o.summary?.miouCi.high ?? null,
    }));
  return { versions, datasets, editedMapping };
}

/**
 * The images both evaluations scored, as two aligned lists of dense
 * matrices (a[i] and b[i] are the same image), in sample-id order whichever
 * side is which: a paired bootstrap then draws the same images from either
 * results page, so A's interval against B is exactly B's against A,
 * sign-flipped (with row order, as before, the two pages disagreed).
 */
export function pairByImage(numClasses: number, a: ReadonlyMap<string, SparseConfusion>, b: ReadonlyMap<string, SparseConfusion>): { a: ConfusionMatrix[]; b: ConfusionMatrix[] } {
  const pairs = { a: [] as ConfusionMatrix[], b: [] as ConfusionMatrix[] };
  for (const sampleId of [...b.keys()].sort()) {
    const inA = a.get(sampleId);
    if (inA === undefined) continue;
    pairs.a.push(fromSparse(numClasses, inA));
    pairs.b.push(fromSparse(numClasses, b.get(sampleId)!));
  }
  return pairs;
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

/** Per class, over the paired images: both IoUs (dataset-level on those images) and IoU(this) − IoU(other) with its paired-bootstrap interval. */
function pairedClassDiffs(numClasses: number, theirs: ConfusionMatrix[], mine: ConfusionMatrix[]): ClassDiff[] {
  const diffs = pairedBootstrapClassDiffs(theirs, mine, SUMMARY_BOOTSTRAP).perClass;
  const a = computeScores(sumConfusions(numClasses, theirs)).perClass;
  const b = computeScores(sumConfusions(numClasses, mine)).perClass;
  return diffs.map((d, k) => ({ mine: finiteOrNull(b[k].iou), theirs: finiteOrNull(a[k].iou), delta: finiteOrNull(d.estimate), low: finiteOrNull(d.low), high: finiteOrNull(d.high) }));
}
