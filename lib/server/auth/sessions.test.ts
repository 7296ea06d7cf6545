import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/test-database";
import { AppError } from "@/lib/core/errors";
import { SESSION_COOKIE_NAME, isSecurePublicUrl, sessionCookieOptions } from "./cookie";
import {
  createSession,
  createUser,
  deleteExpiredSessions,
  deleteSession,
  getUserBySessionToken,
  hashSessionToken,
  signIn,
} from "./sessions";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("intersect-sessions-");
});
afterAll(async () => {
  await t?.cleanup();
});

const DAY = 86_400_000;
const opts = () => ({ db: t.db, ttlDays: 14 });

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("users and sign-in", () => {
  it("creates a user with a hashed password and a normalised email", async () => {
    const user = await createUser({ email: "  Ada@Example.TEST ", password: "analytical-engine", name: " Ada " }, opts());
    expect(user).toEqual({ id: expect.any(String), email: "ada@example.test", name: "Ada" });
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.passwordHash).not.toContain("analytical-engine");
  });

  it("refuses a taken email and bad input", async () => {
    const taken = await errorOf(createUser({ email: "ada@example.test", password: "another-one", name: "Ada 2" }, opts()));
    expect(taken.code).toBe("conflict");
    const invalid = await errorOf(createUser({ email: "not-an-email", password: "short", name: "" }, opts()));
    expect(invalid.code).toBe("invalid_input");
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(["email", "name", "password"]);
  });

  it("signs in and stores only the token's sha256", async () => {
    const { token, expiresAt } = await signIn({ email: "ADA@example.test", password: "analytical-engine" }, opts());
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(14 * DAY - 60_000);
    const sessions = await t.db.session.findMany();
    expect(sessions).toHaveLength(1);
    expect(sessions[0].tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashSessionToken(token)).toBe(sessions[0].tokenHash);
    const everyValue = JSON.stringify(await t.db.$queryRawUnsafe("SELECT * FROM Session"));
    expect(everyValue).not.toContain(token);
    expect(await getUserBySessionToken(token, opts())).toEqual({ id: sessions[0].userId, email: "ada@example.test", name: "Ada" });
  });

  it("fails alike for a wrong password and an unknown email", async () => {
    const wrong = await errorOf(signIn({ email: "ada@example.test", password: "difference-engine" }, opts()));
    const unknown = await errorOf(signIn({ email: "nobody@example.test", password: "analytical-engine" }, opts()));
    for (const error of [wrong, unknown]) {
      expect(error.code).toBe("unauthenticated");
      expect(error.message).toBe("Wrong email or password.");
    }
  });
});

describe("sessions", () => {
  it("returns null for unknown, empty and oversized tokens", async () => {
    for (const token of ["", null, undefined, "x".repeat(1000), "not-a-real-token"]) {
      expect(await getUserBySessionToken(token, opts())).toBeNull();
    }
  });

  it("expires sessions and deletes them on lookup", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.test" } });
    const start = new Date("2030-01-01T00:00:00Z");
    const { token, expiresAt } = await createSession(user.id, { db: t.db, ttlDays: 1, now: start });
    expect(expiresAt.toISOString()).toBe("2030-01-02T00:00:00.000Z");
    expect(await getUserBySessionToken(token, { db: t.db, now: new Date(start.getTime() + DAY - 1) })).not.toBeNull();
    expect(await getUserBySessionToken(token, { db: t.db, now: expiresAt })).toBeNull();
    expect(await t.db.session.count({ where: { tokenHash: hashSessionToken(token) } })).toBe(0);
  });

  it("refreshes lastSeenAt at most every five minutes", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.test" } });
    const start = new Date("2030-01-01T00:00:00Z");
    const { token } = await createSession(user.id, { db: t.db, ttlDays: 1, now: start });
    const lastSeen = async () => (await t.db.session.findUniqueOrThrow({ where: { tokenHash: hashSessionToken(token) } })).lastSeenAt.getTime();
    await getUserBySessionToken(token, { db: t.db, now: new Date(start.getTime() + 60_000) });
    expect(await lastSeen()).toBe(start.getTime());
    await getUserBySessionToken(token, { db: t.db, now: new Date(start.getTime() + 10 * 60_000) });
    expect(await lastSeen()).toBe(start.getTime() + 10 * 60_000);
  });

  it("deletes a session on sign-out and purges expired ones", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "ada@example.test" } });
    const { token } = await createSession(user.id, opts());
    await deleteSession(token, opts());
    expect(await getUserBySessionToken(token, opts())).toBeNull();
    await deleteSession(token, opts());

    await createSession(user.id, { db: t.db, ttlDays: 1, now: new Date("2000-01-01T00:00:00Z") });
    const live = await createSession(user.id, opts());
    expect(await deleteExpiredSessions({ db: t.db })).toBeGreaterThanOrEqual(1);
    expect(await t.db.session.count({ where: { expiresAt: { lte: new Date() } } })).toBe(0);
    expect(await getUserBySessionToken(live.token, opts())).not.toBeNull();
  });
});

describe("session cookie", () => {
  it("is httpOnly, lax, on / and Secure exactly when PUBLIC_URL is https", () => {
    const expiresAt = new Date("2030-01-01T00:00:00Z");
    expect(SESSION_COOKIE_NAME).toBe("intersect_session");
    expect(sessionCookieOptions({ expiresAt, secure: false })).toEqual({ httpOnly: true, sameSite: "lax", secure: false, path: "/", expires: expiresAt });
    expect(sessionCookieOptions({ expiresAt, secure: true }).secure).toBe(true);
    expect(isSecurePublicUrl("https://intersect.example.com")).toBe(true);
    expect(isSecurePublicUrl("http://localhost:3000")).toBe(false);
  });
});
