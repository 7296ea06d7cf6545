import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { getPrisma, type Db } from "../db/client";
import { deleteSessions, deleteSessionsExpiredAt, findSessionByTokenHash, insertSession, touchSession } from "../db/sessions";
import { findUserCredentials, insertUser, isUniqueViolation } from "../db/users";
import { getEnv } from "../env";
import { AppError } from "@/lib/core/errors";
import { hashPassword, verifyPassword } from "./password";
import { beginSignInAttempt } from "./sign-in-throttle";

/** The signed-in user as the app sees it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/** A new session: the token goes into the cookie and is never stored. */
export interface NewSession {
  token: string;
  expiresAt: Date;
}

export interface SessionOptions {
  /** Prisma client; the process's client when omitted. */
  db?: Db;
  /** Session lifetime in days; `SESSION_TTL_DAYS` when omitted. */
  ttlDays?: number;
  /** Clock, for tests. */
  now?: Date;
}

const DAY_MS = 86_400_000;
/** lastSeenAt is refreshed at most this often, to keep page loads read-only. */
const LAST_SEEN_RESOLUTION_MS = 5 * 60_000;
const MAX_TOKEN_LENGTH = 200;

/** sha256 hex of a session token: the only form stored in the database. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Trimmed, lower-cased email: the form stored and looked up. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Starts a session for `userId`: 32 random bytes (base64url) as the token,
 * expiring after `ttlDays`. Only the token's sha256 is written.
 */
export async function createSession(userId: string, options: SessionOptions = {}): Promise<NewSession> {
  const db = options.db ?? getPrisma();
  const now = options.now ?? new Date();
  const ttlDays = options.ttlDays ?? getEnv().SESSION_TTL_DAYS;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlDays * DAY_MS);
  await insertSession({ tokenHash: hashSessionToken(token), userId, expiresAt, now }, db);
  return { token, expiresAt };
}

/**
 * The user behind a session token, or null for an unknown, malformed or
 * expired token (an expired session is deleted on the way).
 */
export async function getUserBySessionToken(token: string | null | undefined, options: SessionOptions = {}): Promise<SessionUser | null> {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const db = options.db ?? getPrisma();
  const now = options.now ?? new Date();
  const session = await findSessionByTokenHash({ tokenHash: hashSessionToken(token) }, db);
  if (!session) return null;
  if (session.expiresAt.getTime() <= now.getTime()) {
    await deleteSessions({ sessionId: session.id }, db);
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    await touchSession({ sessionId: session.id, now }, db);
  }
  return session.user;
}

/** Ends the session of `token`; unknown tokens are ignored. */
export async function deleteSession(token: string, options: SessionOptions = {}): Promise<void> {
  await deleteSessions({ tokenHash: hashSessionToken(token) }, options.db ?? getPrisma());
}

/** Removes every expired session; returns how many. For periodic housekeeping. */
export async function deleteExpiredSessions(options: SessionOptions = {}): Promise<number> {
  return deleteSessionsExpiredAt({ now: options.now ?? new Date() }, options.db ?? getPrisma());
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks email and password and starts a session. Unknown email and wrong
 * password fail alike, with AppError("unauthenticated", "Wrong email or
 * password."), and take about the same time (a dummy hash is verified).
 * Attempts are throttled per account and per client address (`address`,
 * null when unknown): while either is locked this throws
 * AppError("rate_limited", "Too many attempts. Try again in N s.") without
 * checking the password (see sign-in-throttle.ts).
 */
export async function signIn(input: { email: string; password: string; address?: string | null }, options: SessionOptions = {}): Promise<NewSession> {
  const db = options.db ?? getPrisma();
  const email = normaliseEmail(input.email);
  const attempt = await beginSignInAttempt({ email, address: input.address ?? null }, { db, now: options.now });
  const user = await findUserCredentials({ email }, db);
  if (!user) {
    dummyHash ??= hashPassword("intersect-timing-equaliser");
    await verifyPassword(input.password, await dummyHash);
    throw new AppError("unauthenticated", "Wrong email or password.");
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    throw new AppError("unauthenticated", "Wrong email or password.");
  }
  await attempt.succeeded();
  return createSession(user.id, { ...options, db });
}

export const createUserSchema = z.object({
  email: z.email("Enter a valid email address.").max(254),
  password: z.string().min(8, "Use at least 8 characters.").max(200, "Use at most 200 characters."),
  name: z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters."),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

/**
 * Registers a user with a hashed password. Throws AppError("invalid_input")
 * with field errors for a bad email, password (8–200 characters) or name,
 * and AppError("conflict") when the email is taken.
 */
export async function createUser(input: CreateUserInput, options: SessionOptions = {}): Promise<SessionUser> {
  const parsed = createUserSchema.safeParse({ ...input, email: normaliseEmail(input.email ?? "") });
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    throw new AppError("invalid_input", "The account details are not valid.", { fieldErrors });
  }
  const db = options.db ?? getPrisma();
  const passwordHash = await hashPassword(parsed.data.password);
  try {
    return await insertUser({ email: parsed.data.email, name: parsed.data.name, passwordHash }, db);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", `A user with the email ${parsed.data.email} already exists.`, { cause: error });
    }
    throw error;
  }
}
