import "server-only";
import { getPrisma, type Db } from "./client";
import { isId, notFound } from "./owner-scope";

/** Stores a new personal API token by the sha256 of its secret (the secret itself is never stored). */
export async function insertApiToken(
  args: { userId: string; name: string; prefix: string; tokenHash: string; now?: Date },
  db: Db = getPrisma(),
) {
  return db.apiToken.create({
    data: { userId: args.userId, name: args.name, prefix: args.prefix, tokenHash: args.tokenHash, createdAt: args.now ?? new Date() },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
}

/** The owner's tokens, newest first (revoked ones included, marked by `revokedAt`). */
export async function listApiTokens({ ownerId }: { ownerId: string }, db: Db = getPrisma()) {
  return db.apiToken.findMany({
    where: { userId: ownerId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
}

/** The token with this hash and its user; null when unknown. */
export async function findApiTokenByHash({ tokenHash }: { tokenHash: string }, db: Db = getPrisma()) {
  return db.apiToken.findUnique({
    where: { tokenHash },
    select: { id: true, lastUsedAt: true, revokedAt: true, user: { select: { id: true, email: true, name: true } } },
  });
}

/** Records that a token was used at `now`. */
export async function touchApiToken({ tokenId, now }: { tokenId: string; now: Date }, db: Db = getPrisma()): Promise<void> {
  await db.apiToken.updateMany({ where: { id: tokenId }, data: { lastUsedAt: now } });
}

/**
 * Revokes the owner's token `tokenId` (idempotent: an already revoked token
 * keeps its first revocation time); not_found for a missing or foreign id.
 */
export async function revokeOwnedApiToken({ ownerId, tokenId, now }: { ownerId: string; tokenId: string; now: Date }, db: Db = getPrisma()) {
  if (!isId(tokenId)) notFound("Token");
  const token = await db.apiToken.findFirst({ where: { id: tokenId, userId: ownerId }, select: { id: true, revokedAt: true } });
  if (!token) notFound("Token");
  if (!token.revokedAt) await db.apiToken.updateMany({ where: { id: tokenId, userId: ownerId, revokedAt: null }, data: { revokedAt: now } });
  return { id: token.id };
}
