import "server-only";
import { classListSchema, type ClassEntry } from "@/lib/contracts/classes";
import { getPrisma, type Db } from "./client";
import { ownedBy, requireRow } from "./owner-scope";
import { insertSamplesForVersion, type StoredSample } from "./samples";
import { newestFirst, nextVersionNumber } from "./versions";

/** Prisma's interactive transactions time out after 5 s by default; a 20 000-sample version may need longer. */
const VERSION_TRANSACTION_TIMEOUT_MS = 10 * 60_000;

/** The versions of one owned dataset (newest first); not_found for other owners. */
export async function listDatasetVersions({ ownerId, datasetId }: { ownerId: string; datasetId: string }, db: Db = getPrisma()) {
  const dataset = await db.dataset.findFirst({
    where: { id: datasetId, ...ownedBy.dataset(ownerId) },
    select: {
      id: true,
      name: true,
      versions: { orderBy: newestFirst, select: { id: true, number: true, sampleCount: true, createdAt: true, note: true } },
    },
  });
  return requireRow(dataset, "Dataset");
}

/**
 * Version `number` of a dataset, or its latest version when `number` is
 * omitted; null when there is no such version. Callers have checked the
 * dataset's owner.
 */
export async function findDatasetVersion({ datasetId, number }: { datasetId: string; number?: number }, db: Db = getPrisma()) {
  const version = await db.datasetVersion.findFirst({
    where: { datasetId, ...(number === undefined ? {} : { number }) },
    orderBy: newestFirst,
    select: { id: true, number: true, classes: true, ignoreIndex: true, sampleCount: true },
  });
  return version && { ...version, classes: classListSchema.parse(version.classes) };
}

/** The class list and ignore index of one dataset version (by id). */
export async function getDatasetVersionClasses({ datasetVersionId }: { datasetVersionId: string }, db: Db = getPrisma()) {
  const version = await db.datasetVersion.findUniqueOrThrow({ where: { id: datasetVersionId }, select: { classes: true, ignoreIndex: true } });
  return { classes: classListSchema.parse(version.classes), ignoreIndex: version.ignoreIndex };
}

/**
 * Writes the dataset's next version with all its samples in one transaction
 * (whole or not at all). Samples identical to ones already stored for the
 * dataset (same name and blobs) are reused; the rest are inserted.
 */
export async function insertDatasetVersion(
  input: { datasetId: string; classes: readonly ClassEntry[]; ignoreIndex: number | null; note: string; samples: readonly StoredSample[] },
  db: Db = getPrisma(),
): Promise<{ id: string; number: number; sampleCount: number }> {
  const classes = classListSchema.parse(input.classes);
  return db.$transaction(
    async (tx) => {
      const latest = await tx.datasetVersion.findFirst({ where: { datasetId: input.datasetId }, orderBy: newestFirst, select: { number: true } });
      const number = nextVersionNumber(latest);
      const version = await tx.datasetVersion.create({
        data: { datasetId: input.datasetId, number, classes, ignoreIndex: input.ignoreIndex, sampleCount: input.samples.length, note: input.note },
        select: { id: true },
      });
      await insertSamplesForVersion(tx, { datasetId: input.datasetId, datasetVersionId: version.id, samples: input.samples });
      return { id: version.id, number, sampleCount: input.samples.length };
    },
    { timeout: VERSION_TRANSACTION_TIMEOUT_MS },
  );
}
