import "server-only";
import { getPrisma, type Db } from "./client";

/** Stores a new session by the sha256 of its token (the token itself is never stored). */
export async function insertSession(
  args: { tokenHash: string; userId: string; expiresAt: Date; now: Date },
  db: Db = getPrisma(),
): Promise<void> {
  await db.session.create({
    data: { tokenHash: args.tokenHash, userId: args.userId, expiresAt: args.expiresAt, createdAt: args.now, lastSeenAt: args.now },
  });
}

/** The session with this token hash and its user; null when unknown. */
export async function findSessionByTokenHash({ tokenHash }: { tokenHash: string }, db: Db = getPrisma()) {
  return db.session.findUnique({
    where: { tokenHash },
    select: { id: true, expiresAt: true, lastSeenAt: true, user: { select: { id: true, email: true, name: true } } },
  });
}

/** Records that a session was used at `now`. */
export async function touchSession({ sessionId, now }: { sessionId: string; now: Date }, db: Db = getPrisma()): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: now } });
}

/** Deletes one session by id or by token hash; unknown ones are ignored. */
export async function deleteSessions(where: { sessionId: string } | { tokenHash: string }, db: Db = getPrisma()): Promise<void> {
  await db.session.deleteMany({ where: "sessionId" in where ? { id: where.sessionId } : { tokenHash: where.tokenHash } });
}

/** Deletes every session expired at `now`; returns how many. */
export async function deleteSessionsExpiredAt({ now }: { now: Date }, db: Db = getPrisma()): Promise<number> {
  const { count } = await db.session.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
