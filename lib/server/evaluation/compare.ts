import { getPrisma, type Db } from "@/lib/server/db/client";
import { fromSparse, pairedBootstrapMiouDiff, type ConfusionMatrix } from "@/lib/core/metrics";
import { SUMMARY_BOOTSTRAP } from "./finalize";

export interface VersionComparison {
  evaluationId: string;
  modelName: string;
  modelVersion: number;
  miou: number | null;
  /** Paired over the images both evaluations scored: mIoU(this) − mIoU(other), with a bootstrap interval. NaN when no image is shared. */
  diff: number;
  low: number;
  high: number;
  /** Share of resamples in which the difference has the other sign (or is 0): a rough "could this be noise?" */
  signFlipShare: number;
  pairedImages: number;
}

export interface OtherDatasetResult {
  evaluationId: string;
  datasetName: string;
  datasetVersion: number;
  appName: string;
  miou: number | null;
}

type Row = { sampleId: string; confusion: unknown };

async function sampleMatrices(db: Db, evaluationId: string): Promise<Map<string, unknown>> {
  const rows: Row[] = await db.evaluationSampleResult.findMany({ where: { evaluationId }, select: { sampleId: true, confusion: true } });
  return new Map(rows.map((r) => [r.sampleId, r.confusion]));
}

/**
 * How a finished evaluation compares with the owner's other finished
 * evaluations: (1) other model versions on the same dataset version — the
 * latest evaluation of each — with the mIoU difference as a paired bootstrap
 * over the images both scored (same resamples for both, 1000 resamples,
 * seed 0); (2) the same model version on other datasets (not paired: the
 * images differ). Recomputed from the stored per-image matrices.
 */
export async function compareEvaluation(
  { ownerId, evaluationId }: { ownerId: string; evaluationId: string },
  db: Db = getPrisma(),
): Promise<{ versions: VersionComparison[]; datasets: OtherDatasetResult[] }> {
  const self = await db.evaluation.findFirst({
    where: { id: evaluationId, ownerId, status: "succeeded" },
    select: { modelVersionId: true, datasetVersionId: true, datasetVersion: { select: { classes: true } } },
  });
  if (!self) return { versions: [], datasets: [] };
  const numClasses = (self.datasetVersion.classes as unknown[]).length;
  const others = await db.evaluation.findMany({
    where: { ownerId, status: "succeeded", id: { not: evaluationId }, OR: [{ datasetVersionId: self.datasetVersionId }, { modelVersionId: self.modelVersionId }] },
    orderBy: { finishedAt: "desc" },
    select: {
      id: true,
      summary: true,
      modelVersionId: true,
      datasetVersionId: true,
      modelVersion: { select: { number: true, model: { select: { name: true } } } },
      datasetVersion: { select: { number: true, dataset: { select: { name: true, app: { select: { name: true } } } } } },
    },
  });
  const miouOf = (summary: unknown) => (summary as { miou?: number | null } | null)?.miou ?? null;

  const seenVersions = new Set<string>([self.modelVersionId]);
  const sameDataset = others.filter((o) => o.datasetVersionId === self.datasetVersionId && !seenVersions.has(o.modelVersionId) && seenVersions.add(o.modelVersionId));
  const mine = sameDataset.length ? await sampleMatrices(db, evaluationId) : new Map<string, unknown>();
  const versions: VersionComparison[] = [];
  for (const o of sameDataset) {
    const theirs = await sampleMatrices(db, o.id);
    const a: ConfusionMatrix[] = [];
    const b: ConfusionMatrix[] = [];
    for (const [sampleId, confusion] of mine) {
      const other = theirs.get(sampleId);
      if (other === undefined) continue;
      a.push(fromSparse(numClasses, other as [number, number, number][]));
      b.push(fromSparse(numClasses, confusion as [number, number, number][]));
    }
    const paired = pairedBootstrapMiouDiff(a, b, SUMMARY_BOOTSTRAP);
    versions.push({
      evaluationId: o.id,
      modelName: o.modelVersion.model.name,
      modelVersion: o.modelVersion.number,
      miou: miouOf(o.summary),
      diff: paired.estimate,
      low: paired.low,
      high: paired.high,
      signFlipShare: paired.signFlipShare,
      pairedImages: a.length,
    });
  }

  const seenDatasets = new Set<string>([self.datasetVersionId]);
  const datasets = others
    .filter((o) => o.modelVersionId === self.modelVersionId && !seenDatasets.has(o.datasetVersionId) && seenDatasets.add(o.datasetVersionId))
    .map((o) => ({
      evaluationId: o.id,
      datasetName: o.datasetVersion.dataset.name,
      datasetVersion: o.datasetVersion.number,
      appName: o.datasetVersion.dataset.app.name,
      miou: miouOf(o.summary),
    }));
  return { versions, datasets };
}
