/**
 * The two-user world of the isolation test, and the database snapshot that
 * proves a refused call changed nothing. User A (the demo user) owns apps,
 * models, model versions, datasets, dataset versions, samples and two
 * evaluations (one finished, one draft); user B (the other demo user) owns
 * one of each, including a finished evaluation, so that "B's own ids with one
 * of A's ids mixed in" can be tried. Ids are read with plain SQL so that the
 * test does not depend on the data-access layer it is checking.
 */
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./discover";

export const ID_KINDS = ["app", "model", "modelVersion", "dataset", "datasetVersion", "sample", "evaluation"] as const;
export type IdKind = (typeof ID_KINDS)[number];
export type Ids = Record<IdKind, string[]>;

export interface WorldUser {
  email: string;
  /** Ids per kind; the first of each kind works as a consistent "own" set (the sample is in the first evaluation's dataset version). */
  ids: Ids;
  appNames: string[];
}

type Sql = Database.Database;

/** Opens the test database file read-only (a second connection beside the app's). */
export function openReadOnly(url: string): Sql {
  return new Database(url.replace(/^file:/, ""), { readonly: true, fileMustExist: true });
}

const column = (sql: Sql, query: string, ...args: unknown[]) => (sql.prepare(query).all(...args) as Record<string, string>[]).map((r) => Object.values(r)[0]);

/** The ids a user owns, by kind; `firstEvaluationId` decides which sample comes first. */
export function readUser(sql: Sql, email: string, firstEvaluationId: string): WorldUser {
  const userId = column(sql, `SELECT id FROM "User" WHERE email = ?`, email)[0];
  if (!userId) throw new Error(`No user ${email} in the test database`);
  const apps = `SELECT id FROM "App" WHERE ownerId = '${userId}'`;
  const models = `SELECT id FROM "Model" WHERE appId IN (${apps})`;
  const datasets = `SELECT id FROM "Dataset" WHERE appId IN (${apps})`;
  const firstSamples = column(
    sql,
    `SELECT sampleId FROM "DatasetVersionSample" WHERE datasetVersionId = (SELECT datasetVersionId FROM "Evaluation" WHERE id = ?) ORDER BY position LIMIT 2`,
    firstEvaluationId,
  );
  const otherSamples = column(sql, `SELECT id FROM "Sample" WHERE datasetId IN (${datasets}) ORDER BY id`).filter((id) => !firstSamples.includes(id));
  const evaluations = column(sql, `SELECT id FROM "Evaluation" WHERE ownerId = ? ORDER BY createdAt, id`, userId);
  return {
    email,
    appNames: column(sql, `SELECT name FROM "App" WHERE ownerId = ? ORDER BY name`, userId),
    ids: {
      app: column(sql, `${apps} ORDER BY id`),
      model: column(sql, `${models} ORDER BY id`),
      modelVersion: column(sql, `SELECT id FROM "ModelVersion" WHERE modelId IN (${models}) ORDER BY id`),
      dataset: column(sql, `${datasets} ORDER BY id`),
      datasetVersion: column(sql, `SELECT id FROM "DatasetVersion" WHERE datasetId IN (${datasets}) ORDER BY id`),
      sample: [...firstSamples, ...otherSamples],
      evaluation: [firstEvaluationId, ...evaluations.filter((id) => id !== firstEvaluationId)],
    },
  };
}

/** Id of the model version `number` of the user's model `modelName`, and of the user's dataset `datasetName`. */
export function findPair(sql: Sql, email: string, modelName: string, datasetName: string): { modelVersionId: string; datasetId: string } {
  const owner = `(SELECT id FROM "User" WHERE email = ?)`;
  const modelVersionId = column(
    sql,
    `SELECT mv.id FROM "ModelVersion" mv JOIN "Model" m ON m.id = mv.modelId JOIN "App" a ON a.id = m.appId WHERE a.ownerId = ${owner} AND m.name = ? ORDER BY mv.number LIMIT 1`,
    email,
    modelName,
  )[0];
  const datasetId = column(sql, `SELECT d.id FROM "Dataset" d JOIN "App" a ON a.id = d.appId WHERE a.ownerId = ${owner} AND d.name = ?`, email, datasetName)[0];
  if (!modelVersionId || !datasetId) throw new Error(`No model ${modelName} or dataset ${datasetName} of ${email}`);
  return { modelVersionId, datasetId };
}

/** Every table's rows (and the blob files on disk), for a before/after comparison. */
export type Snapshot = Map<string, Map<string, string>>;

/** Reads every row of every table, keyed by rowid (`lastSeenAt` of sessions left out: reads may refresh it). */
export function snapshot(sql: Sql, dataDir: string): Snapshot {
  const out: Snapshot = new Map();
  const tables = column(sql, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`);
  for (const table of tables) {
    const rows = sql.prepare(`SELECT rowid AS __rowid, * FROM "${table}"`).all() as Record<string, unknown>[];
    const byKey = new Map<string, string>();
    for (const { __rowid, lastSeenAt: _ignored, ...row } of rows) {
      byKey.set(String(row.id ?? __rowid), JSON.stringify(row, (_k, v) => (typeof v === "bigint" ? String(v) : v)));
    }
    out.set(table, byKey);
  }
  const blobs = new Map<string, string>();
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) visit(abs);
      else if (!/\.db(-wal|-shm|-journal)?$/.test(e.name)) blobs.set(path.relative(dataDir, abs), String(statSync(abs).size));
    }
  };
  visit(dataDir);
  out.set("(files in DATA_DIR)", blobs);
  return out;
}

/** Human-readable differences between two snapshots (empty = nothing created, changed or deleted). */
export function diffSnapshots(before: Snapshot, after: Snapshot): string[] {
  const problems: string[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(table) ?? new Map<string, string>();
    const a = after.get(table) ?? new Map<string, string>();
    for (const [key, row] of a) {
      if (!b.has(key)) problems.push(`${table}: row ${key} created: ${row.slice(0, 300)}`);
      else if (b.get(key) !== row) problems.push(`${table}: row ${key} changed: ${b.get(key)!.slice(0, 300)} -> ${row.slice(0, 300)}`);
    }
    for (const key of b.keys()) if (!a.has(key)) problems.push(`${table}: row ${key} deleted`);
  }
  return problems;
}

/**
 * Runs the queued evaluations with the app's own worker entry point
 * (`npm run worker`, on the test database through the environment) until
 * every id in `evaluationIds` is finished, then stops it.
 */
export async function runWorkerUntilDone(sql: Sql, evaluationIds: string[], timeoutMs = 120_000): Promise<void> {
  const worker = spawn("npm", ["run", "-s", "worker"], { cwd: ROOT, env: process.env, detached: true, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  worker.stderr?.on("data", (d) => (stderr += String(d)));
  const statusOf = sql.prepare(`SELECT status FROM "Evaluation" WHERE id = ?`);
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const statuses = evaluationIds.map((id) => (statusOf.get(id) as { status: string } | undefined)?.status);
      if (statuses.every((s) => s === "succeeded")) return;
      if (statuses.some((s) => s === "failed" || s === "cancelled")) throw new Error(`An evaluation of the test world did not succeed: ${statuses.join(", ")}\n${stderr}`);
      if (worker.exitCode !== null) throw new Error(`The worker exited (${worker.exitCode}) before the evaluations finished:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`The evaluations did not finish within ${timeoutMs / 1000} s: ${statuses.join(", ")}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    if (worker.pid !== undefined && worker.exitCode === null) process.kill(-worker.pid, "SIGTERM");
  }
}
