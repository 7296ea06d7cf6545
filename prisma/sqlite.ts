/**
 * How Intersect opens its SQLite database: the pragmas of every connection,
 * the busy timeout and the file behind a `file:` URL. The lowest layer: the
 * migration runner (prisma/) and the data-access layer (lib/server/db) both
 * open connections through it, and it imports nothing from lib/.
 */
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/** Milliseconds a connection waits on a locked database before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * Run on every new connection. WAL lets readers proceed while a worker
 * writes; `synchronous=NORMAL` is durable across application crashes in WAL
 * mode; foreign keys make `onDelete: Cascade` work.
 */
export const CONNECTION_PRAGMAS = [
  "PRAGMA journal_mode = WAL;",
  `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`,
  "PRAGMA foreign_keys = ON;",
  "PRAGMA synchronous = NORMAL;",
].join("\n");

/**
 * The file path inside a `file:` URL, or null for an in-memory database.
 * Relative paths resolve against the process's working directory, as the
 * better-sqlite3 adapter does.
 */
export function sqliteFilePath(url: string): string | null {
  const raw = url.replace(/^file:/, "").replace(/\?.*$/, "");
  if (raw === ":memory:" || raw === "") return null;
  return path.resolve(raw);
}

/**
 * A better-sqlite3 adapter factory that applies {@link CONNECTION_PRAGMAS} to
 * every connection it opens (the adapter has no hook of its own for that).
 * Shadow connections (used only by the migration tools) get the same pragmas
 * minus WAL, which an in-memory database does not support.
 */
export class PragmaSqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSqlite3;

  constructor(url: string) {
    this.#inner = new PrismaBetterSqlite3({ url, timeout: BUSY_TIMEOUT_MS });
    this.adapterName = this.#inner.adapterName;
  }

  /** Opens the main database and applies the pragmas. */
  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    return adapter;
  }

  /** Opens the (in-memory) shadow database used when diffing migrations. */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connectToShadowDb();
    await adapter.executeScript("PRAGMA foreign_keys = ON;");
    return adapter;
  }
}
