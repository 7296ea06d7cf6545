import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { issueLines } from "@/lib/core/errors";
import { endpointHostRules } from "./models/http/endpoint-hosts";

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
  /** Origin users reach the app at (scheme://host[:port], no path); `http://localhost:$PORT` when unset. */
  PUBLIC_URL: string;
  /** Whether PUBLIC_URL was set explicitly (when not, same-host requests are accepted too; see proxy.ts). */
  PUBLIC_URL_CONFIGURED: boolean;
  /** Trust X-Forwarded-Host/-Proto/-For from a reverse proxy in front of the app. Off by default. */
  TRUSTED_PROXY: boolean;
}

/** The settings the request layer (proxy.ts, cookies) needs; parsed without touching the disk. */
export type HttpEnv = Pick<Env, "PORT" | "PUBLIC_URL" | "PUBLIC_URL_CONFIGURED" | "TRUSTED_PROXY">;

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
  // Read where it is used (endpoint-hosts.ts); checked here so that a malformed list stops the server at start.
  ENDPOINT_HOSTS: z
    .string()
    .optional()
    .superRefine((text, ctx) => {
      try {
        endpointHostRules(text);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message.replace(/^ENDPOINT_HOSTS: /, "") });
      }
    }),
});

const publicUrlSchema = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), "must be an http:// or https:// URL, e.g. https://intersect.example.com")
  .refine((value) => !URL.canParse(value) || ["", "/"].includes(new URL(value).pathname), "must be an origin without a path (the app is served at /)")
  .transform((value) => new URL(value).origin);

const httpEnvSchema = z.object({
  PORT: envSchema.shape.PORT,
  PUBLIC_URL: z.preprocess(emptyToUndefined, publicUrlSchema.optional()),
  TRUSTED_PROXY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .toLowerCase()
      .refine((value) => ["1", "true", "0", "false"].includes(value), 'must be "1", "true", "0" or "false"')
      .transform((value) => value === "1" || value === "true")
      .default(false),
  ),
});

function problemsOf(error: z.ZodError): string {
  return issueLines(error.issues).join("; ");
}

/**
 * Parses the request-layer settings: PUBLIC_URL (reduced to its origin;
 * default `http://localhost:$PORT`) and TRUSTED_PROXY ("1"/"true" trusts
 * X-Forwarded-* headers). Throws an Error naming every bad variable.
 */
export function parseHttpEnv(source: Record<string, string | undefined>): HttpEnv {
  const parsed = httpEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid environment settings: ${problemsOf(parsed.error)}`);
  const { PORT, PUBLIC_URL, TRUSTED_PROXY } = parsed.data;
  return { PORT, PUBLIC_URL: PUBLIC_URL ?? `http://localhost:${PORT}`, PUBLIC_URL_CONFIGURED: PUBLIC_URL !== undefined, TRUSTED_PROXY };
}

/**
 * Parses settings from an environment-like object without side effects.
 * Relative `DATA_DIR` values resolve against `cwd`; `DATABASE_URL` defaults to
 * `file:<DATA_DIR>/intersect.db`. Throws an Error naming every bad variable.
 */
export function parseEnv(source: Record<string, string | undefined>, cwd: string = process.cwd()): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid environment settings: ${problemsOf(parsed.error)}`);
  const { PUBLIC_URL, PUBLIC_URL_CONFIGURED, TRUSTED_PROXY } = parseHttpEnv(source);
  const dataDir = path.resolve(cwd, parsed.data.DATA_DIR);
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: parsed.data.DATABASE_URL ?? `file:${path.join(dataDir, "intersect.db")}`,
    PORT: parsed.data.PORT,
    SESSION_TTL_DAYS: parsed.data.SESSION_TTL_DAYS,
    PUBLIC_URL,
    PUBLIC_URL_CONFIGURED,
    TRUSTED_PROXY,
  };
}

let cached: Env | undefined;
let cachedHttp: HttpEnv | undefined;

/** The request-layer settings from `process.env`, parsed on first use and cached (no disk access: safe in proxy.ts). */
export function getHttpEnv(): HttpEnv {
  cachedHttp ??= parseHttpEnv(process.env);
  return cachedHttp;
}

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
