/**
 * Where the e2e suite runs: a server on 127.0.0.1 whose data folder is the
 * repository's `.e2e-data` (wiped and re-seeded on every run). The config,
 * the global setup and the factories all read these values, and
 * {@link assertLocalTarget} refuses anything else, so the suite can never
 * write users and datasets into a real database.
 */
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "..");
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_HOST = "127.0.0.1";
export const E2E_BASE_URL = `http://${E2E_HOST}:${E2E_PORT}`;
export const E2E_DATA_DIR = path.resolve(REPO_ROOT, process.env.E2E_DATA_DIR ?? ".e2e-data");
export const E2E_DATABASE_URL = `file:${path.join(E2E_DATA_DIR, "intersect.db")}`;

/** The environment of every process that touches the e2e database (server, admin CLI). */
export function e2eProcessEnv(): Record<string, string> {
  return { DATA_DIR: E2E_DATA_DIR, DATABASE_URL: E2E_DATABASE_URL, NEXT_TELEMETRY_DISABLED: "1" };
}

/** Throws unless the suite targets the local throwaway data folder and a loopback server. */
export function assertLocalTarget(): void {
  const problems: string[] = [];
  if (path.basename(E2E_DATA_DIR) !== ".e2e-data" || !E2E_DATA_DIR.startsWith(REPO_ROOT + path.sep)) {
    problems.push(`E2E_DATA_DIR must be a ".e2e-data" folder inside ${REPO_ROOT} (it is wiped on every run), got ${E2E_DATA_DIR}`);
  }
  const inherited = process.env.DATABASE_URL;
  if (inherited && inherited !== E2E_DATABASE_URL) {
    problems.push(`DATABASE_URL is set to ${inherited}; the e2e suite only runs on ${E2E_DATABASE_URL} (unset DATABASE_URL)`);
  }
  if (new URL(E2E_BASE_URL).hostname !== "127.0.0.1") problems.push(`the e2e server must listen on 127.0.0.1, got ${E2E_BASE_URL}`);
  if (!Number.isInteger(E2E_PORT) || E2E_PORT <= 0) problems.push(`E2E_PORT is not a port: ${process.env.E2E_PORT}`);
  if (problems.length) throw new Error(`Refusing to run the e2e suite against a non-local database:\n- ${problems.join("\n- ")}`);
}
