/**
 * A throwaway Intersect world for the fault and load scripts: a data folder
 * with a migrated database, a user and an app, and generated dataset folders
 * of tiny images and masks (fast to write, many of them).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "fast-png";
import { createPrisma, type Db } from "@/lib/server/db/client";
import { insertApp } from "@/lib/server/db/apps";
import { insertUser } from "@/lib/server/db/users";
import { createBlobStore, type BlobStore } from "@/lib/server/storage/blob-store";
import { applyMigrations } from "@/prisma/migrate";

export interface World {
  dataDir: string;
  databaseUrl: string;
  db: Db;
  store: BlobStore;
  user: { id: string; email: string };
  appId: string;
  /** Environment for child processes working on this world. */
  env: NodeJS.ProcessEnv;
}

/** Three classes, ignore 255: what the generated masks hold. */
export const WORLD_CLASSES = { classes: [{ name: "road", color: [128, 64, 128] }, { name: "car", color: [0, 0, 142] }, { name: "sky", color: [70, 130, 180] }], ignore_index: 255 };

/** Creates the data folder (under `root` or a new temp folder), migrates it and adds a user and an app. */
export async function createWorld({ root, email = "fault@example.com" }: { root?: string; email?: string } = {}): Promise<World> {
  const dataDir = root ?? mkdtempSync(path.join(tmpdir(), "intersect-fault-"));
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = `file:${path.join(dataDir, "intersect.db")}`;
  await applyMigrations({ databaseUrl });
  const db = createPrisma(databaseUrl);
  const user = await insertUser({ email, name: "Fault", passwordHash: "x" }, db);
  const app = await insertApp({ ownerId: user.id, name: "Fault app", description: "" }, db);
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: "1" };
  return { dataDir, databaseUrl, db, store: createBlobStore(path.join(dataDir, "blobs")), user: { id: user.id, email }, appId: app.id, env };
}

/** The class value of pixel (x, y) of sample k: bands that differ per sample, a few ignored pixels. */
export function truthValue(k: number, x: number, y: number): number {
  if ((x * 7 + y * 3 + k) % 23 === 0) return 255;
  return ((x >> 2) + (y >> 3) + k) % 3;
}

/** A prediction that is right most of the time, wrong in a sample-dependent pattern. */
export function predictedValue(k: number, x: number, y: number): number {
  const t = truthValue(k, x, y);
  return (x + y * 5 + k) % 7 === 0 ? (t === 255 ? 0 : (t + 1) % 3) : t === 255 ? 1 : t;
}

const grey = (width: number, height: number, value: (x: number, y: number) => number) => {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = value(x, y);
  return encode({ width, height, data, channels: 1, depth: 8 });
};

/**
 * Writes `count` pairs `s00000…` of `size`x`size` grey images and masks to
 * `dir` (images/, masks/, classes.json), and when `predictionsDir` is given,
 * one predicted mask per sample there.
 */
export function writeGeneratedDataset({ dir, count, size = 16, predictionsDir }: { dir: string; count: number; size?: number; predictionsDir?: string }): void {
  mkdirSync(path.join(dir, "images"), { recursive: true });
  mkdirSync(path.join(dir, "masks"), { recursive: true });
  if (predictionsDir) mkdirSync(predictionsDir, { recursive: true });
  for (let k = 0; k < count; k++) {
    const name = `s${String(k).padStart(5, "0")}`;
    writeFileSync(path.join(dir, "images", `${name}.png`), grey(size, size, (x, y) => (x * 13 + y * 7 + k * 31) & 255));
    writeFileSync(path.join(dir, "masks", `${name}.png`), grey(size, size, (x, y) => truthValue(k, x, y)));
    if (predictionsDir) writeFileSync(path.join(predictionsDir, `${name}.png`), grey(size, size, (x, y) => predictedValue(k, x, y)));
  }
  writeFileSync(path.join(dir, "classes.json"), JSON.stringify(WORLD_CLASSES));
}
