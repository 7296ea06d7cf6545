import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMigration, diffMigrationsToSchema, migrationTimestamp, normaliseMigrationName } from "./create-migration";
import { applyMigrations } from "./migrate";
import { DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH } from "./schema-engine";

const root = mkdtempSync(path.join(tmpdir(), "intersect-create-migration-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("createMigration", () => {
  it("finds no changes between the committed migrations and schema.prisma", async () => {
    expect(await diffMigrationsToSchema({})).toBeNull();
    const migrationsDir = path.join(root, "unchanged");
    cpSync(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const before = readdirSync(migrationsDir).sort();
    expect(await createMigration({ name: "nothing", migrationsDir })).toEqual({ status: "no changes" });
    expect(readdirSync(migrationsDir).sort()).toEqual(before);
  });

  it("writes ALTER and CREATE statements for an added field and model, which then apply cleanly", async () => {
    const migrationsDir = path.join(root, "changed");
    cpSync(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const schemaPath = path.join(root, "schema.prisma");
    const schema = readFileSync(DEFAULT_SCHEMA_PATH, "utf8")
      .replace(/(model User \{\n)/, "$1  nickname String?\n")
      .concat("\nmodel Label {\n  id   String @id @default(cuid())\n  text String @unique\n}\n");
    writeFileSync(schemaPath, schema);

    const result = await createMigration({
      name: "Add nickname & labels",
      schemaPath,
      migrationsDir,
      now: new Date("2030-02-03T04:05:06Z"),
    });
    expect(result.status).toBe("created");
    if (result.status !== "created") return;
    expect(path.basename(result.directory)).toBe("20300203040506_add_nickname_labels");
    const sql = readFileSync(path.join(result.directory, "migration.sql"), "utf8");
    expect(sql).toBe(result.sql);
    expect(sql).toMatch(/ALTER TABLE "User" ADD COLUMN "nickname" TEXT/);
    expect(sql).toMatch(/CREATE TABLE "Label"/);
    expect(sql).toMatch(/CREATE UNIQUE INDEX "Label_text_key"/);
    expect(readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toContain('provider = "sqlite"');

    // The new history matches the new schema, and applies on a fresh database.
    expect(await diffMigrationsToSchema({ schemaPath, migrationsDir })).toBeNull();
    const applied = await applyMigrations({ databaseUrl: `file:${path.join(root, "changed.db")}`, migrationsDir });
    expect(applied.applied.at(-1)).toBe("20300203040506_add_nickname_labels");
  });

  it("writes the lockfile when starting from an empty folder", async () => {
    const migrationsDir = path.join(root, "empty");
    const result = await createMigration({ name: "init", migrationsDir, now: new Date("2030-01-01T00:00:00Z") });
    expect(result.status).toBe("created");
    expect(existsSync(path.join(migrationsDir, "migration_lock.toml"))).toBe(true);
    expect(existsSync(path.join(migrationsDir, "20300101000000_init", "migration.sql"))).toBe(true);
  });

  it("names migrations like Prisma does", () => {
    expect(migrationTimestamp(new Date("2026-01-02T03:04:05.678Z"))).toBe("20260102030405");
    expect(normaliseMigrationName("  Add Sample-Tags ")).toBe("add_sample_tags");
    expect(() => normaliseMigrationName("--")).toThrow(/no letters or digits/);
  });
});
