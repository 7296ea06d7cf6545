import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { displayNameSchema, NAME_MAX_LENGTH } from "@/lib/contracts/app-input";
import { getPrisma, type Db } from "../db/client";
import { findApiTokenByHash, insertApiToken, listApiTokens, revokeOwnedApiToken, touchApiToken } from "../db/api-tokens";
import type { SessionUser } from "./sessions";

/** Every personal API token starts with this, so that secret scanners and people recognise one. */
export const API_TOKEN_PREFIX = "isk_";
/** lastUsedAt is refreshed at most this often, so that API reads stay (almost) read-only. */
export const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_TOKEN_LENGTH = 200;

export const createApiTokenSchema = z.object({ name: displayNameSchema("token", NAME_MAX_LENGTH.token) });
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

/** sha256 hex of a token: the only form stored. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Creates a personal API token for `userId`: `isk_` + 32 random bytes
 * (base64url). Returns the token itself, which is shown once and never
 * stored (only its sha256 and its first characters, to tell tokens apart).
 */
export async function createApiToken(
  { userId, name }: { userId: string; name: string },
  db: Db = getPrisma(),
): Promise<{ id: string; name: string; prefix: string; token: string; createdAt: Date }> {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const prefix = token.slice(0, API_TOKEN_PREFIX.length + 6);
  const row = await insertApiToken({ userId, name: createApiTokenSchema.parse({ name }).name, prefix, tokenHash: hashApiToken(token) }, db);
  return { ...row, token };
}

/**
 * The user behind a Bearer token, or null for a malformed, unknown or
 * revoked token. Records the use (at most once a minute per token).
 */
export async function resolveApiToken(token: string | null | undefined, options: { db?: Db; now?: Date } = {}): Promise<SessionUser | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH || !token.startsWith(API_TOKEN_PREFIX)) return null;
  const db = options.db ?? getPrisma();
  const now = options.now ?? new Date();
  const row = await findApiTokenByHash({ tokenHash: hashApiToken(token) }, db);
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await touchApiToken({ tokenId: row.id, now }, db);
  }
  return row.user;
}

/** The owner's tokens for the settings page: name, prefix, created, last used, revoked. */
export async function listOwnApiTokens({ ownerId }: { ownerId: string }, db: Db = getPrisma()) {
  return listApiTokens({ ownerId }, db);
}

/** Revokes one of the owner's tokens; another user's or a missing id is not_found. */
export async function revokeApiToken({ ownerId, tokenId }: { ownerId: string; tokenId: string }, db: Db = getPrisma()) {
  return revokeOwnedApiToken({ ownerId, tokenId, now: new Date() }, db);
}
