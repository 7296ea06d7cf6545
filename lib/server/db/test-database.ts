import "server-only";
/**
 * A throwaway, fully migrated SQLite database for tests: a temp folder, the
 * committed migrations applied, and a Prisma client on it. Tests pass the
 * client explicitly instead of relying on `DATABASE_URL`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createPrisma, type Db } from "./client";
import { applyMigrations } from "../../../prisma/migrate";

export interface TestDatabase {
  /** Prisma client on the temp database. */
  db: Db;
  /** `file:` URL of the database. */
  url: string;
  /** Temp folder holding the database; usable as a DATA_DIR. */
  dir: string;
  /** Disconnects and deletes the folder. */
  cleanup(): Promise<void>;
}

/** Creates and migrates a fresh database in a new temp folder. */
export async function createTestDatabase(prefix = "intersect-test-"): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const url = `file:${path.join(dir, "test.db")}`;
  await applyMigrations({ databaseUrl: url });
  const db = createPrisma(url);
  return {
    db,
    url,
    dir,
    async cleanup() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
