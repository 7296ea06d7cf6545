import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PragmaSqliteAdapterFactory, sqliteFilePath } from "@/prisma/sqlite";
import { getEnv } from "@/lib/server/env";
import { PrismaClient, type Prisma } from "./generated/client";

/** The Prisma client type used across `lib/server/db` (pass it explicitly in tests). */
export type Db = PrismaClient;

/**
 * A new Prisma client on the SQLite database at `url` (a `file:` URL). The
 * database's folder is created if missing. Callers own the client and should
 * `$disconnect()` it; app code uses {@link getPrisma} instead.
 */
export function createPrisma(url: string): Db {
  const file = sqliteFilePath(url);
  if (file) mkdirSync(path.dirname(file), { recursive: true });
  return new PrismaClient({ adapter: new PragmaSqliteAdapterFactory(url) });
}

const globalForPrisma = globalThis as typeof globalThis & { __intersectPrisma?: Db };

/**
 * The process-wide Prisma client on `DATABASE_URL`. Cached on `globalThis`
 * so that Next's dev-mode module reloads do not open a new connection each time.
 */
export function getPrisma(): Db {
  if (!globalForPrisma.__intersectPrisma) {
    globalForPrisma.__intersectPrisma = createPrisma(getEnv().DATABASE_URL);
  }
  return globalForPrisma.__intersectPrisma;
}

/** A Prisma interactive-transaction client (what `db.$transaction(async (tx) => …)` passes). */
export type Tx = Prisma.TransactionClient;
