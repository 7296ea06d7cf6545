import "server-only";
import { classListSchema } from "@/lib/contracts/classes";
import { getPrisma, type Db } from "./client";
import { Prisma } from "./generated/client";
import { latestVersionOnly } from "./versions";
import { ownedBy, requireRow } from "./owner-scope";

const n = (v: bigint | number | null) => Number(v ?? 0);

/** One owned dataset version by number (with its dataset and app), for the version page; not_found otherwise. */
export async function getOwnedVersionByNumber({ ownerId, datasetId, number }: { ownerId: string; datasetId: string; number: number }, db: Db = getPrisma()) {
  const v = await db.datasetVersion.findFirst({
    where: { datasetId, number, dataset: ownedBy.dataset(ownerId) },
    select: {
      id: true,
      number: true,
      note: true,
      createdAt: true,
      sampleCount: true,
      ignoreIndex: true,
      classes: true,
      dataset: { select: { id: true, name: true, app: { select: { id: true, name: true } }, versions: { ...latestVersionOnly, select: { number: true } } } },
    },
  });
  const { dataset, ...version } = requireRow(v, "Dataset version");
  const { versions, ...datasetInfo } = dataset;
  return { ...version, dataset: datasetInfo, isLatest: versions[0]?.number === version.number, classes: classListSchema.parse(version.classes) };
}

/**
 * Per-class pixels and images of a version (from each sample's recorded
 * `classPixels`, leaving out this version's void value: a shared sample may
 * have been recorded under another version's void), tag counts, and how
 * many samples have no recorded class counts (imported before they were
 * recorded). Set-based SQL over the version's samples: one pass, fine for
 * 20,000 samples.
 */
export async function getVersionStats({ datasetVersionId }: { datasetVersionId: string }, db: Db = getPrisma()) {
  const perClass = await db.$queryRaw<{ cls: string; pixels: bigint | number; images: bigint | number }[]>`
    SELECT j."key" AS cls, SUM(j."value") AS pixels, COUNT(*) AS images
    FROM "DatasetVersionSample" d JOIN "DatasetVersion" v ON v."id" = d."datasetVersionId"
      JOIN "Sample" s ON s."id" = d."sampleId", json_each(s."metadata", '$.classPixels') j
    WHERE d."datasetVersionId" = ${datasetVersionId} AND (v."ignoreIndex" IS NULL OR CAST(j."key" AS INTEGER) <> v."ignoreIndex")
    GROUP BY j."key"`;
  const tags = await db.$queryRaw<{ tag: string; count: bigint | number }[]>`
    SELECT t."tag" AS tag, COUNT(*) AS count FROM "DatasetVersionSample" d JOIN "SampleTag" t ON t."sampleId" = d."sampleId"
    WHERE d."datasetVersionId" = ${datasetVersionId} GROUP BY t."tag" ORDER BY count DESC, tag`;
  const [unknown] = await db.$queryRaw<{ count: bigint | number }[]>`
    SELECT COUNT(*) AS count FROM "DatasetVersionSample" d JOIN "Sample" s ON s."id" = d."sampleId"
    WHERE d."datasetVersionId" = ${datasetVersionId} AND json_type(s."metadata", '$.classPixels') IS NULL`;
  return {
    perClass: perClass.map((r) => ({ classIndex: Number(r.cls), pixels: n(r.pixels), images: n(r.images) })),
    tags: tags.map((t) => ({ tag: t.tag, count: n(t.count) })),
    samplesWithoutCounts: n(unknown?.count ?? 0),
  };
}

const DIFF_LISTED = 50;

/**
 * What changed from version `previousId` to `currentId`, by sample name:
 * added, removed, and changed (same name, other image or mask). Counts
 * are complete; names are listed up to 50 each.
 */
export async function diffVersions({ previousId, currentId }: { previousId: string; currentId: string }, db: Db = getPrisma()) {
  const side = async (a: string, b: string) =>
    db.$queryRaw<{ name: string }[]>`
      SELECT s."name" AS name FROM "DatasetVersionSample" d JOIN "Sample" s ON s."id" = d."sampleId"
      WHERE d."datasetVersionId" = ${a} AND s."name" NOT IN (
        SELECT s2."name" FROM "DatasetVersionSample" d2 JOIN "Sample" s2 ON s2."id" = d2."sampleId" WHERE d2."datasetVersionId" = ${b})
      ORDER BY s."name"`;
  const changed = await db.$queryRaw<{ name: string }[]>`
    SELECT s."name" AS name FROM "DatasetVersionSample" d JOIN "Sample" s ON s."id" = d."sampleId"
    JOIN "Sample" p ON p."name" = s."name" AND p."datasetId" = s."datasetId" AND p."id" <> s."id"
    JOIN "DatasetVersionSample" dp ON dp."sampleId" = p."id" AND dp."datasetVersionId" = ${previousId}
    WHERE d."datasetVersionId" = ${currentId} ORDER BY s."name"`;
  const [added, removed] = [await side(currentId, previousId), await side(previousId, currentId)];
  const pack = (rows: { name: string }[]) => ({ count: rows.length, names: rows.slice(0, DIFF_LISTED).map((r) => r.name) });
  return { added: pack(added), removed: pack(removed), changed: pack(changed) };
}

/** The id of version `number - 1` of the dataset, or null for the first version. */
export async function findPreviousVersionId({ datasetId, number }: { datasetId: string; number: number }, db: Db = getPrisma()) {
  const prev = await db.datasetVersion.findFirst({ where: { datasetId, number: { lt: number } }, orderBy: { number: "desc" }, select: { id: true, number: true } });
  return prev;
}

/** A sample of an owned version (its blobs), or not_found when the version is not the owner's or does not hold it. */
export async function findOwnedVersionSample(
  { ownerId, datasetId, number, sampleId }: { ownerId: string; datasetId: string; number: number; sampleId: string },
  db: Db = getPrisma(),
) {
  const row = await db.datasetVersionSample.findFirst({
    where: { sampleId, datasetVersion: { datasetId, number, dataset: ownedBy.dataset(ownerId) } },
    select: { datasetVersionId: true, sample: { select: { imageSha256: true, maskSha256: true } }, datasetVersion: { select: { classes: true, ignoreIndex: true } } },
  });
  const found = requireRow(row, "Sample");
  return { versionId: found.datasetVersionId, ...found.sample, classes: classListSchema.parse(found.datasetVersion.classes), ignoreIndex: found.datasetVersion.ignoreIndex };
}

/**
 * The widest and the tallest image of each given dataset version (each its
 * own maximum: an image is too large for a fixed input when it is too wide
 * or too tall), by version id; versions without samples are absent. One
 * grouped query over the versions' samples.
 */
export async function largestImagesOf({ datasetVersionIds }: { datasetVersionIds: readonly string[] }, db: Db = getPrisma()): Promise<Map<string, { width: number; height: number }>> {
  if (datasetVersionIds.length === 0) return new Map();
  const rows = await db.$queryRaw<{ id: string; width: bigint | number; height: bigint | number }[]>`
    SELECT d."datasetVersionId" AS id, MAX(s."width") AS width, MAX(s."height") AS height
    FROM "DatasetVersionSample" d JOIN "Sample" s ON s."id" = d."sampleId"
    WHERE d."datasetVersionId" IN (${Prisma.join([...datasetVersionIds])})
    GROUP BY d."datasetVersionId"`;
  return new Map(rows.map((r) => [r.id, { width: n(r.width), height: n(r.height) }]));
}
