import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./migrate";
import { DEFAULT_MIGRATIONS_DIR } from "./schema-engine";

const root = mkdtempSync(path.join(tmpdir(), "intersect-migrate-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const committed = readdirSync(DEFAULT_MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const MODEL_TABLES = [
  "ApiToken",
  "App",
  "Dataset",
  "DatasetImport",
  "DatasetImportSample",
  "DatasetVersion",
  "DatasetVersionSample",
  "Evaluation",
  "EvaluationClassResult",
  "EvaluationSampleResult",
  "Model",
  "ModelVersion",
  "ModelVersionTrainingSet",
  "PredictionMask",
  "RenderedView",
  "Sample",
  "SampleTag",
  "Session",
  "SignInThrottle",
  "User",
];

describe("applyMigrations", () => {
  it("creates every table on a fresh database, records the migration, and is idempotent", async () => {
    expect(committed[0]).toMatch(/^\d{14}_init$/);
    const file = path.join(root, "nested", "folder", "fresh.db");
    const url = `file:${file}`;

    const first = await applyMigrations({ databaseUrl: url });
    expect(first.applied).toEqual(committed);

    const db = new Database(file, { timeout: 1000 });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .pluck()
        .all();
      expect(tables).toEqual(["_prisma_migrations", ...MODEL_TABLES].sort());
      const rows = db
        .prepare("SELECT migration_name, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name")
        .all() as { migration_name: string; finished_at: string | null; rolled_back_at: string | null; applied_steps_count: number }[];
      expect(rows.map((row) => row.migration_name)).toEqual(committed);
      for (const row of rows) {
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(Number(row.applied_steps_count)).toBe(1);
      }
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      // The engine's exclusive lock is released: another connection can write.
      db.prepare("INSERT INTO User (id, email, name, passwordHash) VALUES ('u1', 'a@b.c', 'A', 'x')").run();
    } finally {
      db.close();
    }

    const second = await applyMigrations({ databaseUrl: url });
    expect(second.applied).toEqual([]);
    const check = new Database(file, { readonly: true });
    try {
      expect(check.prepare("SELECT COUNT(*) FROM _prisma_migrations").pluck().get()).toBe(committed.length);
      expect(check.prepare("SELECT COUNT(*) FROM User").pluck().get()).toBe(1);
    } finally {
      check.close();
    }
  });

  it("applies only the new migration on a database that has the older ones", async () => {
    const migrationsDir = path.join(root, "migrations-plus");
    cpSync(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const url = `file:${path.join(root, "plus.db")}`;
    await applyMigrations({ databaseUrl: url, migrationsDir });
    mkdirSync(path.join(migrationsDir, "99990101000000_add_note"));
    writeFileSync(
      path.join(migrationsDir, "99990101000000_add_note", "migration.sql"),
      'ALTER TABLE "App" ADD COLUMN "colour" TEXT;\nCREATE INDEX "App_colour_idx" ON "App"("colour");\n',
    );
    expect((await applyMigrations({ databaseUrl: url, migrationsDir })).applied).toEqual(["99990101000000_add_note"]);
    expect((await applyMigrations({ databaseUrl: url, migrationsDir })).applied).toEqual([]);
  });

  it("fails with a readable message on a broken migration", async () => {
    const migrationsDir = path.join(root, "migrations-broken");
    mkdirSync(path.join(migrationsDir, "00000000000000_broken"), { recursive: true });
    writeFileSync(path.join(migrationsDir, "00000000000000_broken", "migration.sql"), "CREATE TABLE oops (;\n");
    await expect(applyMigrations({ databaseUrl: `file:${path.join(root, "broken.db")}`, migrationsDir })).rejects.toThrow(
      /Applying migrations failed: .*00000000000000_broken/s,
    );
  });
});
