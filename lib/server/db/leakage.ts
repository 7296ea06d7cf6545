import "server-only";
import { Prisma } from "./generated/client";
import { getPrisma, type Db } from "./client";

/** A sample's fingerprints for leakage checks (perceptualHash null until computed). */
export interface SampleFingerprintRow {
  id: string;
  name: string;
  imageSha256: string;
  perceptualHash: string | null;
}

const fingerprint = { id: true, name: true, imageSha256: true, perceptualHash: true } as const;

/** Every sample of the dataset versions model version `modelVersionId` was trained on (ModelVersionTrainingSet and the legacy single column). */
export async function listTrainingSamples({ modelVersionId }: { modelVersionId: string }, db: Db = getPrisma()): Promise<SampleFingerprintRow[]> {
  const mv = await db.modelVersion.findUniqueOrThrow({
    where: { id: modelVersionId },
    select: { trainingDatasetVersionId: true, trainingSets: { select: { datasetVersionId: true } } },
  });
  const ids = [...new Set([...mv.trainingSets.map((t) => t.datasetVersionId), ...(mv.trainingDatasetVersionId ? [mv.trainingDatasetVersionId] : [])])];
  if (ids.length === 0) return [];
  const rows = await db.datasetVersionSample.findMany({ where: { datasetVersionId: { in: ids } }, select: { sample: { select: fingerprint } } });
  return [...new Map(rows.map((r) => [r.sample.id, r.sample])).values()];
}

/** The samples of one dataset version with their fingerprints, in version order. */
export async function listVersionFingerprints({ datasetVersionId }: { datasetVersionId: string }, db: Db = getPrisma()): Promise<SampleFingerprintRow[]> {
  const rows = await db.datasetVersionSample.findMany({ where: { datasetVersionId }, orderBy: { position: "asc" }, select: { sample: { select: fingerprint } } });
  return rows.map((r) => r.sample);
}

/** Records a sample's perceptual hash (computed lazily on first leakage check). */
export async function setPerceptualHash({ sampleId, hash }: { sampleId: string; hash: string }, db: Db = getPrisma()): Promise<void> {
  await db.sample.update({ where: { id: sampleId }, data: { perceptualHash: hash } });
}

/**
 * Whether dataset version `datasetVersionId` holds an image identical (same
 * sha256) to one of the dataset versions `trainingVersionIds`: true for a
 * training version itself, for a later version that kept its samples, and
 * for an exact copy in another dataset. Near-duplicates need the perceptual
 * hashes (lib/server/models/leakage.ts); this is the cheap exact check.
 */
export async function sharesTrainingImages({ datasetVersionId, trainingVersionIds }: { datasetVersionId: string; trainingVersionIds: readonly string[] }, db: Db = getPrisma()): Promise<boolean> {
  if (trainingVersionIds.length === 0) return false;
  const [row] = await db.$queryRaw<{ hit: bigint | number }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "DatasetVersionSample" d JOIN "Sample" s ON s."id" = d."sampleId"
      WHERE d."datasetVersionId" = ${datasetVersionId} AND s."imageSha256" IN (
        SELECT t."imageSha256" FROM "DatasetVersionSample" b JOIN "Sample" t ON t."id" = b."sampleId"
        WHERE b."datasetVersionId" IN (${Prisma.join([...trainingVersionIds])}))
    ) AS hit`;
  return Number(row?.hit ?? 0) === 1;
}
