import "server-only";
import { computeScores, fromSparse, metricContract, nanToNull, sumSparseConfusions, type ConfusionMatrix, type MetricContract } from "@/lib/core/metrics";
import { buildJsonReport, type JsonReport } from "@/lib/core/results/json-report";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { getExportExtras } from "@/lib/server/db/evaluation-api";
import { loadImageIndex } from "./image-index";

/** A finished evaluation's report in the CLI's JSON schema, with each image's tags for the per-image CSV. */
export interface ResultsExport {
  report: JsonReport;
  tags: Map<string, string[]>;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Builds the CLI's `--format json` document (lib/core/results/json-report.ts)
 * from an owned, succeeded evaluation's stored results: dataset-level scores
 * from the stored confusion matrix (summed from the per-image matrices when
 * an old summary lacks it), boundary IoU from the per-class rows, the
 * contract the run used, and with `perImage` every image's scores, by name.
 * not_found for another owner's id, conflict while the run is not finished.
 */
export async function buildResultsExport(
  { ownerId, evaluationId, perImage }: { ownerId: string; evaluationId: string; perImage: boolean },
  db: Db = getPrisma(),
): Promise<ResultsExport> {
  const index = await loadImageIndex({ ownerId, evaluationId }, db);
  const extras = await getExportExtras({ ownerId, evaluationId }, db);
  const k = index.numClasses;
  const stored = index.summary?.confusion;
  const total: ConfusionMatrix =
    stored && stored.length === k ? { numClasses: k, counts: Float64Array.from(stored.flat()) } : sumSparseConfusions(k, index.images.map((i) => i.sparse));
  const boundaryIou = new Array<number | null>(k).fill(null);
  for (const row of extras.boundaryIou) if (row.classIndex < k) boundaryIou[row.classIndex] = row.boundaryIou;
  const contract = (index.summary?.contract ?? nanToNull(metricContract({ ignoreValues: extras.ignoreIndex === null ? [] : [extras.ignoreIndex] }))) as MetricContract;
  const images = perImage
    ? [...index.images].sort(byName).map((im) => {
        const s = computeScores(fromSparse(k, im.sparse));
        return { name: im.name, miou: s.miou, mdice: s.mdice, pixelAccuracy: s.pixelAccuracy, iou: im.ious };
      })
    : undefined;
  const report = buildJsonReport({
    images: index.images.length,
    classNames: index.classes.map((c) => c.name),
    ignoreIndex: extras.ignoreIndex,
    scores: computeScores(total),
    confusion: Array.from({ length: k }, (_, g) => Array.from(total.counts.subarray(g * (k + 1), g * (k + 1) + k))),
    boundaryIou,
    perImageMiou: index.summary?.perImageMiou ?? null,
    contract,
    perImage: images,
  });
  return { report, tags: new Map(index.images.map((im) => [im.name, im.tags])) };
}
