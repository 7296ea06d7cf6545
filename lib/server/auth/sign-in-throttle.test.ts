import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db/test-database";
import { AppError } from "@/lib/core/errors";
import { httpStatusOf } from "@/lib/core/errors";
import { ACCOUNT_POLICY, ADDRESS_POLICY, accountKey, addressKey, lockMsAfter } from "./sign-in-throttle";
import { createUser, signIn } from "./sessions";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("intersect-throttle-");
});
afterAll(async () => {
  await t?.cleanup();
});

const T0 = new Date("2030-01-01T00:00:00Z").getTime();
const at = (ms: number) => new Date(T0 + ms);

/** Signs in at fake time `ms` and returns "ok" or the error code and message. */
async function attempt(email: string, password: string, ms: number, address: string | null = null): Promise<string> {
  try {
    await signIn({ email, password, address }, { db: t.db, now: at(ms), ttlDays: 1 });
    return "ok";
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return `${error.code}: ${error.message}`;
  }
}

const WRONG = "unauthenticated: Wrong email or password.";

async function newUser(name: string) {
  const user = await createUser({ email: `${name}@example.test`, password: "right-password", name }, { db: t.db });
  return user.email;
}

describe("lockMsAfter", () => {
  it("gives 5 free failures, then 2 s doubling per failure, capped at 15 min", () => {
    const locks = [1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 100].map((n) => lockMsAfter(n, ACCOUNT_POLICY) / 1000);
    expect(locks).toEqual([0, 0, 0, 0, 2, 4, 8, 16, 900, 900, 900]);
    expect(lockMsAfter(19, ADDRESS_POLICY)).toBe(0);
    expect(lockMsAfter(20, ADDRESS_POLICY)).toBe(2000);
  });
});

describe("sign-in throttling (fake clock)", () => {
  it("locks an account after 5 failures with a 429 'try again in N s' message, and a correct password after the lock works", async () => {
    const email = await newUser("locked");
    for (let i = 0; i < 5; i += 1) expect(await attempt(email, "wrong", i)).toBe(WRONG);
    // The 5th failure earned 2 s: even the right password is refused until then.
    expect(await attempt(email, "right-password", 10)).toBe("rate_limited: Too many attempts. Try again in 2 s.");
    expect(httpStatusOf("rate_limited")).toBe(429);
    expect(await attempt(email, "right-password", 2004)).toBe("ok");
    // Success resets the account: five more free failures.
    for (let i = 0; i < 4; i += 1) expect(await attempt(email, "wrong", 3000 + i)).toBe(WRONG);
    expect(await attempt(email, "right-password", 3010)).toBe("ok");
  });

  it("doubles the lock with each failure up to 15 minutes, and the lock always expires", async () => {
    const email = await newUser("capped");
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 16; i += 1) {
      expect(await attempt(email, "wrong", now)).toBe(WRONG);
      const row = await t.db.signInThrottle.findUniqueOrThrow({ where: { key: accountKey(email) } });
      const waitMs = row.lockedUntil ? row.lockedUntil.getTime() - at(now).getTime() : 0;
      if (waitMs > 0) expect(await attempt(email, "right-password", now + waitMs - 1)).toMatch(/^rate_limited/);
      waits.push(waitMs / 1000);
      now += waitMs;
    }
    expect(waits.slice(0, 6)).toEqual([0, 0, 0, 0, 2, 4]);
    expect(Math.max(...waits)).toBe(900);
    expect(await attempt(email, "right-password", now)).toBe("ok");
  });

  it("refused attempts during a lock do not extend it", async () => {
    const email = await newUser("patient");
    for (let i = 0; i < 5; i += 1) await attempt(email, "wrong", i);
    for (let i = 0; i < 50; i += 1) expect(await attempt(email, "wrong", 100 + i)).toMatch(/^rate_limited/);
    expect(await attempt(email, "right-password", 2005)).toBe("ok");
  });

  it("throttles unknown emails like real ones (no enumeration)", async () => {
    for (let i = 0; i < 5; i += 1) expect(await attempt("nobody@example.test", "x", i)).toBe(WRONG);
    expect(await attempt("nobody@example.test", "x", 10)).toMatch(/^rate_limited: Too many attempts\. Try again in 2 s\.$/);
  });

  it("counts parallel guesses one by one: at most 5 reach the password check before the lock", async () => {
    const email = await newUser("parallel");
    const results = await Promise.all(Array.from({ length: 30 }, () => attempt(email, "wrong", 0, null)));
    expect(results.filter((r) => r === WRONG)).toHaveLength(5);
    expect(results.filter((r) => r.startsWith("rate_limited"))).toHaveLength(25);
  });

  it("throttles a client address across accounts, and a user's own sign-ins do not count against it", async () => {
    const email = await newUser("office");
    const address = "203.0.113.50";
    for (let i = 0; i < 10; i += 1) expect(await attempt(email, "right-password", i, address)).toBe("ok");
    for (let i = 0; i < 20; i += 1) expect(await attempt(`guess-${i}@example.test`, "x", 100 + i, address)).toBe(WRONG);
    expect(await attempt(email, "right-password", 200, address)).toBe("rate_limited: Too many attempts. Try again in 2 s.");
    // Another address is not affected; the address lock expires.
    expect(await attempt(email, "right-password", 201, "203.0.113.51")).toBe("ok");
    expect(await attempt(email, "right-password", 2200, address)).toBe("ok");
  });

  it("persists counters in SignInThrottle (a restart does not reset them) and forgets them after an hour", async () => {
    const email = await newUser("stored");
    for (let i = 0; i < 3; i += 1) await attempt(email, "wrong", i, "198.51.100.7");
    const row = await t.db.signInThrottle.findUniqueOrThrow({ where: { key: accountKey(email) } });
    expect(row.failures).toBe(3);
    expect(await t.db.signInThrottle.count({ where: { key: addressKey("198.51.100.7") } })).toBe(1);
    // An hour later the count starts again: 4 more failures stay free.
    for (let i = 0; i < 4; i += 1) expect(await attempt(email, "wrong", 3_700_000 + i, null)).toBe(WRONG);
    expect(await attempt(email, "right-password", 3_700_010, null)).toBe("ok");
  });
});
