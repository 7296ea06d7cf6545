import "server-only";
/**
 * Staged dataset imports. A large import is written in short transactions
 * (one per batch of samples) into staging rows no page reads, then turned
 * into a DatasetVersion — with its Dataset when new — by one final
 * transaction of a few set-based statements. So SQLite's write lock is never
 * held for long, and a version still appears whole or not at all.
 */
import { randomUUID } from "node:crypto";
import { classListSchema, type ClassEntry } from "@/lib/contracts/classes";
import { withBusyRetry } from "./busy-retry";
import { getPrisma, type Db } from "./client";
import { isHolderDead } from "./holder";
import type { StoredSample } from "./samples";
import { newestFirst, nextVersionNumber } from "./versions";

/** An import silent for this long is abandoned even when its holder cannot be judged (another host). */
export const IMPORT_STALE_AFTER_MS = 15 * 60_000;

/** Opens a staging import; nothing is visible until {@link commitDatasetImport}. */
export async function createDatasetImport(
  input: { appId: string; datasetId: string | null; datasetName: string; classes: readonly ClassEntry[]; ignoreIndex: number | null; note: string; holderId: string },
  db: Db = getPrisma(),
): Promise<string> {
  const classes = classListSchema.parse(input.classes);
  const row = await withBusyRetry(() => db.datasetImport.create({ data: { ...input, classes }, select: { id: true } }));
  return row.id;
}

/** A fresh Sample id for a staged sample (cuid-shaped: "c" + 24 hex digits). */
const newSampleId = () => `c${randomUUID().replace(/-/g, "").slice(0, 24)}`;

/**
 * Stages one batch of samples at positions `firstPosition…` in one short
 * transaction, and refreshes the import's heartbeat. Call before storing the
 * batch's blobs, so that a blob of a live import is always referenced.
 */
export async function stageImportSamples(
  { importId, firstPosition, samples }: { importId: string; firstPosition: number; samples: readonly StoredSample[] },
  db: Db = getPrisma(),
): Promise<void> {
  const rows = samples.map((s, i) => ({
    importId,
    position: firstPosition + i,
    sampleId: newSampleId(),
    name: s.name,
    imageSha256: s.imageSha256,
    imageContentType: s.contentType,
    maskSha256: s.maskSha256,
    width: s.width,
    height: s.height,
    metadata: s.metadata ?? undefined,
    tags: JSON.stringify([...new Set(s.tags ?? [])]),
  }));
  await withBusyRetry(() =>
    db.$transaction([
      db.datasetImport.update({ where: { id: importId }, data: { heartbeatAt: new Date() }, select: { id: true } }),
      db.datasetImportSample.createMany({ data: rows }),
    ]),
  );
}

export interface CommittedImport {
  datasetId: string;
  datasetCreated: boolean;
  id: string;
  number: number;
  sampleCount: number;
}

/**
 * The final flip: in one transaction, creates the dataset when new, the
 * next version number, the samples not already stored for the dataset
 * (identical name and blobs are reused), the upload's tags (on reused
 * samples too, added to the tags they have) and the version's
 * sample list, and deletes the staging rows. Set-based SQL keeps it short
 * (about 0.1–0.3 s for 20 000 samples). Retried while the database is busy.
 */
export async function commitDatasetImport({ importId }: { importId: string }, db: Db = getPrisma()): Promise<CommittedImport> {
  return withBusyRetry(() =>
    db.$transaction(
      async (tx) => {
        // A write first, so the transaction takes the write lock now (a deferred read-then-write can fail at once on a busy database).
        const imp = await tx.datasetImport.update({
          where: { id: importId },
          data: { heartbeatAt: new Date() },
          select: { appId: true, datasetId: true, datasetName: true, classes: true, ignoreIndex: true, note: true, _count: { select: { samples: true } } },
        });
        const existing = imp.datasetId
          ? { id: imp.datasetId }
          : await tx.dataset.findUnique({ where: { appId_name: { appId: imp.appId, name: imp.datasetName } }, select: { id: true } });
        const dataset = existing ?? (await tx.dataset.create({ data: { appId: imp.appId, name: imp.datasetName }, select: { id: true } }));
        const latest = await tx.datasetVersion.findFirst({ where: { datasetId: dataset.id }, orderBy: newestFirst, select: { number: true } });
        const number = nextVersionNumber(latest);
        const sampleCount = imp._count.samples;
        const version = await tx.datasetVersion.create({
          data: { datasetId: dataset.id, number, classes: classListSchema.parse(imp.classes), ignoreIndex: imp.ignoreIndex, sampleCount, note: imp.note },
          select: { id: true },
        });
        await tx.$executeRaw`
          INSERT OR IGNORE INTO "Sample" ("id", "datasetId", "name", "imageSha256", "imageContentType", "maskSha256", "width", "height", "metadata", "createdAt")
          SELECT "sampleId", ${dataset.id}, "name", "imageSha256", "imageContentType", "maskSha256", "width", "height", "metadata", "createdAt"
          FROM "DatasetImportSample" WHERE "importId" = ${importId}`;
        // Tags go to the stored sample, new or reused (same name and blobs): an upload that tags samples the
        // dataset already holds adds its tags to them instead of dropping them.
        await tx.$executeRaw`
          INSERT OR IGNORE INTO "SampleTag" ("sampleId", "tag")
          SELECT x."id", j."value"
          FROM "DatasetImportSample" s JOIN "Sample" x
            ON x."datasetId" = ${dataset.id} AND x."name" = s."name" AND x."imageSha256" = s."imageSha256" AND x."maskSha256" = s."maskSha256",
            json_each(s."tags") j
          WHERE s."importId" = ${importId}`;
        const linked = await tx.$executeRaw`
          INSERT INTO "DatasetVersionSample" ("datasetVersionId", "sampleId", "position")
          SELECT ${version.id}, x."id", s."position"
          FROM "DatasetImportSample" s JOIN "Sample" x
            ON x."datasetId" = ${dataset.id} AND x."name" = s."name" AND x."imageSha256" = s."imageSha256" AND x."maskSha256" = s."maskSha256"
          WHERE s."importId" = ${importId}`;
        if (linked !== sampleCount) throw new Error(`Import ${importId}: linked ${linked} of ${sampleCount} staged samples.`);
        await tx.datasetImport.delete({ where: { id: importId } });
        return { datasetId: dataset.id, datasetCreated: !existing, id: version.id, number, sampleCount };
      },
      { timeout: 120_000, maxWait: 30_000 },
    ),
  );
}

/** Drops a staging import and its staged rows (a failed import); its blobs are left for the sweep. */
export async function abandonDatasetImport({ importId }: { importId: string }, db: Db = getPrisma()): Promise<void> {
  await withBusyRetry(() => db.datasetImport.deleteMany({ where: { id: importId } }));
}

/**
 * Deletes staging imports whose holder process is dead (same host) or that
 * have been silent for `staleMs`. Returns how many, and the blob ids their
 * staged rows named (candidates for deletion once no longer referenced).
 */
export async function sweepAbandonedImports(
  { staleMs = IMPORT_STALE_AFTER_MS, now = new Date() }: { staleMs?: number; now?: Date } = {},
  db: Db = getPrisma(),
): Promise<{ imports: number; blobCandidates: string[] }> {
  const rows = await db.datasetImport.findMany({ select: { id: true, holderId: true, heartbeatAt: true } });
  const dead = rows.filter((r) => isHolderDead(r.holderId) || now.getTime() - r.heartbeatAt.getTime() > staleMs).map((r) => r.id);
  if (dead.length === 0) return { imports: 0, blobCandidates: [] };
  const staged = await db.datasetImportSample.findMany({ where: { importId: { in: dead } }, select: { imageSha256: true, maskSha256: true } });
  await withBusyRetry(() => db.datasetImport.deleteMany({ where: { id: { in: dead } } }));
  return { imports: dead.length, blobCandidates: [...new Set(staged.flatMap((s) => [s.imageSha256, s.maskSha256]))] };
}

/** How many staging imports exist (for checks and the admin sweep report). */
export async function countDatasetImports(db: Db = getPrisma()): Promise<number> {
  return db.datasetImport.count();
}
