import { mkdirSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Server-side run-time settings, read from the environment once and checked
 * with zod. Never import this from a client component.
 */
export interface Env {
  /** Absolute folder holding the SQLite database (by default) and the blobs. */
  DATA_DIR: string;
  /** Prisma/better-sqlite3 URL, e.g. `file:/abs/data/intersect.db`. */
  DATABASE_URL: string;
  /** HTTP port of the web server. */
  PORT: number;
  /** Lifetime of a sign-in session, in days. */
  SESSION_TTL_DAYS: number;
}

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const envSchema = z.object({
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default("./data")),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((url) => url.startsWith("file:") || url === ":memory:", "must be a SQLite URL starting with file:")
      .optional(),
  ),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  SESSION_TTL_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().positive().max(3650).default(14)),
});

/**
 * Parses settings from an environment-like object without side effects.
 * Relative `DATA_DIR` values resolve against `cwd`; `DATABASE_URL` defaults to
 * `file:<DATA_DIR>/intersect.db`. Throws an Error naming every bad variable.
 */
export function parseEnv(source: Record<string, string | undefined>, cwd: string = process.cwd()): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid environment settings: ${problems}`);
  }
  const dataDir = path.resolve(cwd, parsed.data.DATA_DIR);
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: parsed.data.DATABASE_URL ?? `file:${path.join(dataDir, "intersect.db")}`,
    PORT: parsed.data.PORT,
    SESSION_TTL_DAYS: parsed.data.SESSION_TTL_DAYS,
  };
}

let cached: Env | undefined;

/**
 * The process's settings from `process.env`, parsed on first use and cached.
 * Creates `DATA_DIR` when it does not exist yet.
 */
export function getEnv(): Env {
  if (!cached) {
    const env = parseEnv(process.env);
    mkdirSync(env.DATA_DIR, { recursive: true });
    cached = env;
  }
  return cached;
}
