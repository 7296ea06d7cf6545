import "server-only";
import { getPrisma, type Db } from "../db/client";
import { compareAndSetSignInThrottle, deleteSignInThrottles, findSignInThrottles, uncountSignInAttempt } from "../db/sign-in-throttle";
import { AppError } from "@/lib/core/errors";

/** How fast one key (an account or a client address) may fail. */
export interface ThrottlePolicy {
  /** Failures allowed before any lock. */
  freeFailures: number;
  /** The lock after the `freeFailures`-th failure is 2 × this; it doubles with each further failure. */
  baseLockMs: number;
  /** No lock is longer than this, so nobody can be locked out for long. */
  maxLockMs: number;
  /** A counter untouched this long starts again from zero. */
  resetAfterMs: number;
}

const MINUTE = 60_000;
/** Per account (the typed email, known or not): 5 free failures, then 2 s, 4 s, … up to 15 min. */
export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 5, baseLockMs: 1000, maxLockMs: 15 * MINUTE, resetAfterMs: 60 * MINUTE };
/** Per client address: more room (offices share one address), same back-off and cap. */
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 20, baseLockMs: 1000, maxLockMs: 15 * MINUTE, resetAfterMs: 60 * MINUTE };

/** The lock earned by the `failures`-th consecutive failure, in ms (0 = none): 2^(n − free + 1) s, capped. */
export function lockMsAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  const exponent = Math.min(failures - policy.freeFailures + 1, 30);
  return Math.min(policy.baseLockMs * 2 ** exponent, policy.maxLockMs);
}

const MAX_KEY_LENGTH = 320;
/** Throttle key of an account: the normalised email, whether or not such a user exists (no enumeration). */
export const accountKey = (email: string) => `account:${email}`.slice(0, MAX_KEY_LENGTH);
/** Throttle key of a client address. */
export const addressKey = (address: string) => `address:${address}`.slice(0, MAX_KEY_LENGTH);

type Claim = { ok: true; failures: number; lockedUntil: Date | null } | { ok: false; retryAfterMs: number };

/**
 * Counts one attempt under `key` before the password is checked (as if it
 * failed, lock included), unless the key is locked. The compare-and-set
 * means parallel guesses are counted one by one: at most `freeFailures`
 * get through before the first lock, however many arrive at once.
 */
async function claimAttempt(key: string, policy: ThrottlePolicy, now: Date, db: Db): Promise<Claim> {
  for (let round = 0; round < 10; round += 1) {
    const [row] = await findSignInThrottles({ keys: [key] }, db);
    if (row?.lockedUntil && row.lockedUntil.getTime() > now.getTime()) {
      return { ok: false, retryAfterMs: row.lockedUntil.getTime() - now.getTime() };
    }
    const stale = !row || now.getTime() - row.updatedAt.getTime() >= policy.resetAfterMs;
    const failures = (stale ? 0 : row.failures) + 1;
    const lockMs = lockMsAfter(failures, policy);
    const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs) : null;
    if (await compareAndSetSignInThrottle({ key, expectedFailures: row ? row.failures : null, failures, lockedUntil, now }, db)) {
      return { ok: true, failures, lockedUntil };
    }
  }
  return { ok: false, retryAfterMs: 1000 };
}

/** The AppError shown when a key is locked: "Too many attempts. Try again in N s." (HTTP 429). */
export function tooManyAttempts(retryAfterMs: number): AppError {
  return new AppError("rate_limited", `Too many attempts. Try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s.`);
}

/** A counted sign-in attempt: call `succeeded()` after a correct password; a failure needs nothing more. */
export interface SignInAttempt {
  succeeded(): Promise<void>;
}

/**
 * Starts a sign-in attempt for `email` from `address` (null when unknown):
 * throws AppError("rate_limited") while the address or the account is
 * locked, else counts the attempt under both. Counters live in the
 * database, so a restart does not reset them. A success resets the
 * account's counter and takes this attempt back off the address's counter
 * (so a user's own sign-ins never lock their office out, and an attacker
 * cannot wipe the address's record by signing in to their own account).
 */
export async function beginSignInAttempt(
  input: { email: string; address: string | null },
  options: { db?: Db; now?: Date; accountPolicy?: ThrottlePolicy; addressPolicy?: ThrottlePolicy } = {},
): Promise<SignInAttempt> {
  const db = options.db ?? getPrisma();
  const now = options.now ?? new Date();
  const account = accountKey(input.email);
  const address = input.address ? addressKey(input.address) : null;
  const addressClaim = address ? await claimAttempt(address, options.addressPolicy ?? ADDRESS_POLICY, now, db) : null;
  if (addressClaim && !addressClaim.ok) throw tooManyAttempts(addressClaim.retryAfterMs);
  const accountClaim = await claimAttempt(account, options.accountPolicy ?? ACCOUNT_POLICY, now, db);
  if (!accountClaim.ok) throw tooManyAttempts(accountClaim.retryAfterMs);
  return {
    async succeeded() {
      await deleteSignInThrottles({ keys: [account] }, db);
      if (address && addressClaim?.ok) {
        await uncountSignInAttempt({ key: address, failures: addressClaim.failures, lockedUntil: addressClaim.lockedUntil, now }, db);
      }
    },
  };
}
