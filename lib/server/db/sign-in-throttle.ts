import "server-only";
import { getPrisma, type Db } from "./client";
import { isUniqueViolation } from "./users";

/** One throttle counter: consecutive failed (or in-flight) sign-in attempts under a key. */
export interface SignInThrottleRow {
  key: string;
  failures: number;
  lockedUntil: Date | null;
  updatedAt: Date;
}

/** The counters stored under `keys` (missing keys are simply absent). */
export async function findSignInThrottles({ keys }: { keys: string[] }, db: Db = getPrisma()): Promise<SignInThrottleRow[]> {
  return db.signInThrottle.findMany({ where: { key: { in: keys } }, select: { key: true, failures: true, lockedUntil: true, updatedAt: true } });
}

/**
 * Compare-and-set of one counter: writes `failures`/`lockedUntil` only when
 * the stored row still has `expectedFailures` (no row counts as 0 failures)
 * and is not locked at `now`. Returns false when another attempt got there
 * first, so that parallel guesses cannot all pass one check.
 */
export async function compareAndSetSignInThrottle(
  args: { key: string; expectedFailures: number | null; failures: number; lockedUntil: Date | null; now: Date },
  db: Db = getPrisma(),
): Promise<boolean> {
  const data = { failures: args.failures, lockedUntil: args.lockedUntil, updatedAt: args.now };
  if (args.expectedFailures === null) {
    try {
      await db.signInThrottle.create({ data: { key: args.key, ...data } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
  const { count } = await db.signInThrottle.updateMany({
    where: { key: args.key, failures: args.expectedFailures, OR: [{ lockedUntil: null }, { lockedUntil: { lte: args.now } }] },
    data,
  });
  return count === 1;
}

/**
 * Takes one counted attempt back (a sign-in that succeeded), only when the
 * row is still exactly as that attempt left it (`failures`, `lockedUntil`):
 * a later attempt's count and lock are never undone. Returns whether it did.
 */
export async function uncountSignInAttempt(
  args: { key: string; failures: number; lockedUntil: Date | null; now: Date },
  db: Db = getPrisma(),
): Promise<boolean> {
  const { count } = await db.signInThrottle.updateMany({
    where: { key: args.key, failures: args.failures, lockedUntil: args.lockedUntil },
    data: { failures: Math.max(0, args.failures - 1), lockedUntil: null, updatedAt: args.now },
  });
  return count === 1;
}

/** Forgets the counters under `keys` (after a successful sign-in). */
export async function deleteSignInThrottles({ keys }: { keys: string[] }, db: Db = getPrisma()): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: { in: keys } } });
}

/**
 * Deletes throttle rows last touched before `before` (their counters have
 * reset and any lock has expired), so spraying many emails or addresses
 * cannot grow the table for ever. Returns the number of rows removed.
 */
export async function deleteStaleSignInThrottles({ before }: { before: Date }, db: Db = getPrisma()): Promise<number> {
  const { count } = await db.signInThrottle.deleteMany({ where: { updatedAt: { lt: before } } });
  return count;
}
