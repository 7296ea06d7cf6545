/**
 * Prisma's schema engine as WebAssembly, driven through the better-sqlite3
 * adapter: the only way to migrate here, since every `prisma migrate`
 * command tries to download a native engine (see STACK.md).
 */
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PragmaSqliteAdapterFactory } from "./sqlite";

export type { MigrationList, SchemaEngine };

const here = path.dirname(fileURLToPath(import.meta.url));

/** Default locations, relative to this folder. */
export const DEFAULT_SCHEMA_PATH = path.join(here, "schema.prisma");
export const DEFAULT_MIGRATIONS_DIR = path.join(here, "migrations");
export const LOCKFILE_NAME = "migration_lock.toml";
export const LOCKFILE_CONTENT = 'provider = "sqlite"\n';
export const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

let wasmReady = false;

/** Instantiates the engine's wasm once per process (the bindings keep it in module state). */
function ensureWasm(): void {
  if (wasmReady) return;
  const jsFile = fileURLToPath(import.meta.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bytes = readFileSync(path.join(path.dirname(jsFile), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": bg });
  const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start?: () => void };
  bg.__wbg_set_wasm(exports);
  exports.__wbindgen_start?.();
  wasmReady = true;
}

/**
 * Wraps the adapter factory for the engine:
 * - every connection it opens is remembered, so that {@link OpenedSchemaEngine.close}
 *   can close it: the engine sets `locking_mode=EXCLUSIVE` and `free()` does
 *   not close its connection, so without this the database stays locked
 *   until the process exits;
 * - works around an engine bug: when it replays migration.sql files into the
 *   shadow database it calls `executeRaw`, which runs one statement only, and
 *   the diff fails with P3006. Parameterless `executeRaw` calls on the shadow
 *   connection go to `executeScript`, which runs a whole script.
 */
function trackedFactory(
  factory: SqlMigrationAwareDriverAdapterFactory,
  opened: SqlDriverAdapter[],
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const adapter = await factory.connectToShadowDb();
      opened.push(adapter);
      return new Proxy(adapter, {
        get(target, prop) {
          if (prop === "executeRaw") {
            return async (query: SqlQuery) => {
              if (query.args.length > 0) return target.executeRaw(query);
              await target.executeScript(query.sql);
              return 0;
            };
          }
          const value = Reflect.get(target, prop, target);
          return typeof value === "function" ? value.bind(target) : value;
        },
      }) as SqlDriverAdapter;
    },
  };
}

/** An engine plus the means to release it and every connection it opened. */
export interface OpenedSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes its connections (releasing the exclusive lock). */
  close(): Promise<void>;
}

/**
 * Opens a schema engine on the SQLite database at `databaseUrl` with the
 * given schema loaded. Always `close()` it when done. Engine log lines
 * (JSON) are passed to `log`, ignored by default.
 */
export async function openSchemaEngine(options: {
  databaseUrl: string;
  schemaPath?: string;
  schemaText?: string;
  log?: (line: string) => void;
}): Promise<OpenedSchemaEngine> {
  ensureWasm();
  const schemaPath = options.schemaPath ?? DEFAULT_SCHEMA_PATH;
  const schemaText = options.schemaText ?? readFileSync(schemaPath, "utf8");
  const opened: SqlDriverAdapter[] = [];
  const factory = trackedFactory(new PragmaSqliteAdapterFactory(options.databaseUrl), opened);
  const log = options.log ?? (() => {});
  const close = async () => {
    for (const adapter of opened.splice(0)) await adapter.dispose().catch(() => {});
  };
  try {
    const engine = await bg.SchemaEngine.new(
      { datamodels: [[schemaPath, schemaText]] },
      (line: string) => log(line),
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return {
      engine,
      async close() {
        engine.free();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Reads the committed migrations (`<dir>/<name>/migration.sql`, sorted by
 * name, which starts with a timestamp) into the engine's input shape. A
 * missing folder or lockfile reads as empty, with the SQLite lockfile content.
 */
export function readMigrationsList(migrationsDir: string = DEFAULT_MIGRATIONS_DIR): MigrationList {
  const baseDir = path.resolve(migrationsDir);
  const lockPath = path.join(baseDir, LOCKFILE_NAME);
  const names = existsSync(baseDir)
    ? readdirSync(baseDir)
        .filter((name) => statSync(path.join(baseDir, name)).isDirectory())
        .filter((name) => existsSync(path.join(baseDir, name, "migration.sql")))
        .sort()
    : [];
  return {
    baseDir,
    lockfile: {
      path: LOCKFILE_NAME,
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : LOCKFILE_CONTENT,
    },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: readFileSync(path.join(baseDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

/** Turns whatever the engine throws (often a JSON string) into an Error with a readable message. */
export function engineError(context: string, error: unknown): Error {
  const raw = error instanceof Error ? error.message : String(error);
  let message = raw;
  try {
    const parsed = JSON.parse(raw) as { message?: string; error_code?: string };
    if (parsed.message) message = parsed.error_code ? `${parsed.error_code}: ${parsed.message}` : parsed.message;
  } catch {
    // not JSON: keep the raw text
  }
  return new Error(`${context}: ${message}`, { cause: error });
}
