import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/** scrypt cost parameters: N=2^14, r=8, p=1 (~16 MiB, tens of ms per hash). */
const COST = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Refuse stored hashes that would make verification absurdly expensive. */
const MAX_N = 1 << 20;

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** scrypt needs 128·N·r bytes; leave headroom above Node's 32 MiB default. */
function maxmemFor(N: number, r: number): number {
  return 256 * N * r;
}

/**
 * Hashes a password for storage as `scrypt$N$r$p$saltB64$hashB64` with a
 * fresh random 16-byte salt. The password is NFKC-normalised first, so the
 * same characters typed differently still match.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, { ...COST, maxmem: maxmemFor(COST.N, COST.r) });
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64"), key.toString("base64")].join("$");
}

/**
 * True when `password` matches a hash made by {@link hashPassword}, compared
 * in constant time. A malformed stored value returns false, never throws.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], "base64");
  const expected = Buffer.from(parts[5], "base64");
  const validCost = [N, r, p].every((value) => Number.isInteger(value) && value > 0) && N <= MAX_N && (N & (N - 1)) === 0;
  if (!validCost || r > 32 || p > 16 || salt.length === 0 || expected.length < 16) return false;
  const actual = await scryptAsync(password, salt, expected.length, { N, r, p, maxmem: maxmemFor(N, r) });
  return timingSafeEqual(actual, expected);
}
