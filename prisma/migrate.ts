/**
 * Applies the committed migrations in prisma/migrations to the SQLite
 * database (`npm run db:migrate` runs it through lib/tools/db/migrate-main.ts). Safe to run on every start: applied
 * migrations are recorded in `_prisma_migrations` and skipped.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BUSY_TIMEOUT_MS, sqliteFilePath } from "./sqlite";
import { DEFAULT_MIGRATIONS_DIR, NO_FILTERS, engineError, openSchemaEngine, readMigrationsList } from "./schema-engine";

export interface ApplyMigrationsResult {
  /** Names of the migrations applied by this call, oldest first; empty when up to date. */
  applied: string[];
}

/**
 * Brings the database at `databaseUrl` (a `file:` URL) up to the committed
 * migrations. Creates the file and its folder if missing and switches the
 * database to WAL mode (persistent in the file). Throws if a migration fails
 * or if an applied migration was edited afterwards.
 */
export async function applyMigrations(options: {
  databaseUrl: string;
  migrationsDir?: string;
}): Promise<ApplyMigrationsResult> {
  const file = sqliteFilePath(options.databaseUrl);
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    try {
      db.pragma("journal_mode = WAL");
    } finally {
      db.close();
    }
  }
  const migrationsList = readMigrationsList(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const { engine, close } = await openSchemaEngine({ databaseUrl: options.databaseUrl });
  try {
    const output = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return { applied: output.appliedMigrationNames };
  } catch (error) {
    throw engineError("Applying migrations failed", error);
  } finally {
    await close();
  }
}
