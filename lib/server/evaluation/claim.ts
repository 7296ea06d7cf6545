import type { Db } from "@/lib/server/db/client";

/** A running evaluation whose worker has not sent a heartbeat for this long is taken over (its worker crashed). */
export const STALE_AFTER_MS = 60_000;

/**
 * Claims the oldest queued evaluation, or a running one whose worker
 * stopped sending heartbeats (a crash or restart), for `workerId`. The claim
 * is one conditional update, so two workers never run the same evaluation.
 * Returns the claimed id or null.
 */
export async function claimNextEvaluation(db: Db, workerId: string, now = new Date()): Promise<string | null> {
  const staleBefore = new Date(now.getTime() - STALE_AFTER_MS);
  const candidates = await db.evaluation.findMany({
    where: {
      OR: [{ status: "queued" }, { status: "running", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: staleBefore } }] }],
    },
    orderBy: [{ queuedAt: "asc" }, { createdAt: "asc" }],
    take: 5,
    select: { id: true, status: true, heartbeatAt: true },
  });
  for (const c of candidates) {
    const claimed = await db.evaluation.updateMany({
      where: { id: c.id, status: c.status, heartbeatAt: c.heartbeatAt },
      data: {
        status: "running",
        workerId,
        attempts: { increment: 1 },
        heartbeatAt: now,
        startedAt: now,
      },
    });
    if (claimed.count === 1) return c.id;
  }
  return null;
}
