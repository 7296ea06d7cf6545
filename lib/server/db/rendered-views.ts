import "server-only";
/**
 * The cache of rendered views: one row per (evaluation, sample, view, size,
 * content) key pointing at the PNG blob. Rows are immutable: a key names
 * exactly the inputs of the render, so a hit never needs checking.
 */
import { getPrisma, type Db } from "./client";

/** The cached PNG's blob id for `key`, or null. */
export async function findRenderedView(key: string, db: Db = getPrisma()): Promise<string | null> {
  const row = await db.renderedView.findUnique({ where: { key }, select: { pngSha256: true } });
  return row?.pngSha256 ?? null;
}

/** Records the blob of a rendered view (idempotent: a second writer of the same key keeps the first row). */
export async function saveRenderedView(key: string, pngSha256: string, db: Db = getPrisma()): Promise<void> {
  await db.renderedView.upsert({ where: { key }, create: { key, pngSha256 }, update: {} });
}

/**
 * Deletes cached views of evaluations that no longer exist (keys start with
 * "<evaluationId>:"), so the blob sweep can reclaim their PNGs. Returns the
 * number of rows removed.
 */
export async function deleteOrphanRenderedViews(db: Db = getPrisma()): Promise<number> {
  return db.$executeRaw`DELETE FROM "RenderedView" WHERE substr("key", 1, instr("key", ':') - 1) NOT IN (SELECT "id" FROM "Evaluation")`;
}
