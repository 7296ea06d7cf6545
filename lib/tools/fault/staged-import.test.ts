import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { encode } from "fast-png";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withBusyRetry } from "@/lib/server/db/busy-retry";
import { claimNextEvaluation, releaseRunsOfDeadHolders } from "@/lib/server/db/evaluation-transitions";
import { isHolderDead, newHolderId } from "@/lib/server/db/holder";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { createBlobStore, type BlobStore } from "@/lib/server/storage/blob-store";
import { sweepDebris } from "@/lib/server/storage/sweep";
import { findDebris } from "@/lib/tools/fault/checks";
import { writeDatasetFolder } from "@/lib/tools/admin/test-helpers";
import { importDataset } from "@/lib/server/datasets/import-dataset-version";

let t: TestDatabase;
let store: BlobStore;
let owner: { id: string };
let appId: string;

beforeEach(async () => {
  t = await createTestDatabase("intersect-staged-");
  store = createBlobStore(path.join(t.dir, "blobs"));
  owner = await t.db.user.create({ data: { email: "a@example.com", name: "A", passwordHash: "x" }, select: { id: true } });
  appId = (await t.db.app.create({ data: { ownerId: owner.id, name: "App" }, select: { id: true } })).id;
});
afterEach(async () => t.cleanup());

const world = () => ({ db: t.db, store }) as unknown as Parameters<typeof findDebris>[0];
const folder = (n: number) => {
  const dir = path.join(t.dir, `src-${n}`);
  writeDatasetFolder(dir, Array.from({ length: n }, (_, k) => ({ name: `s${k}` })));
  return dir;
};

describe("staged dataset import", () => {
  it("shows nothing until the final step, then the whole version and its new dataset", async () => {
    const seen: { datasets: number; staged: number }[] = [];
    const onBatch = async () => void seen.push({ datasets: await t.db.dataset.count(), staged: await t.db.datasetImportSample.count() });
    const r = await importDataset({ ownerId: owner.id, target: { appId, datasetName: "val" }, source: { dir: folder(600) } }, { db: t.db, store, onBatch });
    expect(seen.length).toBe(3);
    expect(seen.every((s) => s.datasets === 0)).toBe(true);
    expect(seen.at(-1)!.staged).toBe(600);
    expect(r).toMatchObject({ datasetCreated: true, number: 1, sampleCount: 600 });
    expect(await t.db.datasetVersionSample.count({ where: { datasetVersionId: r.id } })).toBe(600);
    const again = await importDataset({ ownerId: owner.id, target: { appId, datasetName: "val" }, source: { dir: folder(600) } }, { db: t.db, store });
    expect(again).toMatchObject({ datasetCreated: false, number: 2 });
    expect(await t.db.sample.count()).toBe(600); // identical samples reused
    expect(await findDebris(world())).toEqual([]);
  });

  it("leaves nothing behind when an import fails midway, once swept", async () => {
    const onBatch = (staged: number) => {
      if (staged >= 250) throw new Error("disk full");
    };
    await expect(importDataset({ ownerId: owner.id, target: { appId, datasetName: "val" }, source: { dir: folder(400) } }, { db: t.db, store, onBatch })).rejects.toThrow("disk full");
    expect(await t.db.dataset.count()).toBe(0);
    expect(await t.db.datasetImport.count()).toBe(0);
    expect((await findDebris(world())).some((p) => p.includes("orphan blob"))).toBe(true);
    const report = await sweepDebris({ db: t.db, store, graceMs: 0 });
    expect(report.blobs).toBeGreaterThan(0);
    expect(await findDebris(world())).toEqual([]);
  });

  it("sweeps a staging import whose process is dead, with its blobs, whatever their age", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    const holderId = newHolderId().split("|").map((part, i) => (i === 2 ? dead : part)).join("|");
    const imp = await t.db.datasetImport.create({ data: { appId, datasetName: "x", classes: [], holderId }, select: { id: true } });
    const blob = await store.putBlob(new Uint8Array([1, 2, 3]));
    await t.db.datasetImportSample.create({
      data: { importId: imp.id, position: 0, sampleId: "c1", name: "a", imageSha256: blob.sha256, imageContentType: "image/png", maskSha256: blob.sha256, width: 1, height: 1 },
    });
    const live = await t.db.datasetImport.create({ data: { appId, datasetName: "y", classes: [], holderId: newHolderId() }, select: { id: true } });
    const report = await sweepDebris({ db: t.db, store });
    expect(report).toMatchObject({ imports: 1, blobs: 1 });
    expect(await t.db.datasetImport.findMany({ select: { id: true } })).toEqual([live]);
  });

  it("imports RGB masks through the classes file's colours, and says an archive is not a folder", async () => {
    const dir = path.join(t.dir, "rgb");
    writeDatasetFolder(dir, [{ name: "a" }], { classes: [{ name: "road", color: [128, 64, 128] }, { name: "sky", color: [70, 130, 180] }] });
    const rgb = new Uint8Array(8 * 6 * 3);
    for (let i = 0; i < 48; i++) rgb.set(i % 2 ? [70, 130, 180] : [128, 64, 128], i * 3);
    writeFileSync(path.join(dir, "masks", "a.png"), encode({ width: 8, height: 6, data: rgb, channels: 3, depth: 8 }));
    const r = await importDataset({ ownerId: owner.id, target: { appId, datasetName: "rgb" }, source: { dir } }, { db: t.db, store });
    expect(r.sampleCount).toBe(1);
    const zip = path.join(t.dir, "x.zip");
    writeFileSync(zip, "PK");
    await expect(importDataset({ ownerId: owner.id, target: { appId, datasetName: "z" }, source: { dir: zip } }, { db: t.db, store })).rejects.toThrow(
      `${zip}: not a folder (archives go through --archive).`,
    );
  });
});

describe("holders and busy retries", () => {
  it("tells a dead holder from a live one and resumes its run at once, without the lease", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    const deadId = newHolderId().split("|").map((part, i) => (i === 2 ? dead : part)).join("|");
    expect(isHolderDead(deadId)).toBe(true);
    expect(isHolderDead(newHolderId())).toBe(false);
    expect(isHolderDead("otherhost|b|1|2|n")).toBe(false);
    const e = await t.db.evaluation.findFirst();
    expect(e).toBeNull();
    const ds = await t.db.dataset.create({ data: { appId, name: "d" }, select: { id: true } });
    const dv = await t.db.datasetVersion.create({ data: { datasetId: ds.id, number: 1, classes: [], sampleCount: 0 }, select: { id: true } });
    const m = await t.db.model.create({ data: { appId, name: "m" }, select: { id: true } });
    const mv = await t.db.modelVersion.create({ data: { modelId: m.id, number: 1, runnerKind: "predictions", runnerConfig: {}, classes: [] }, select: { id: true } });
    const run = await t.db.evaluation.create({
      data: { ownerId: owner.id, modelVersionId: mv.id, datasetVersionId: dv.id, settings: {}, status: "running", workerId: deadId, heartbeatAt: new Date() },
      select: { id: true },
    });
    expect(await claimNextEvaluation(t.db, newHolderId())).toBeNull(); // the heartbeat is fresh: the lease alone would wait 60 s
    expect(await releaseRunsOfDeadHolders(t.db)).toBe(1);
    expect(await claimNextEvaluation(t.db, newHolderId())).toBe(run.id);
  });

  it("retries a busy write and passes other errors through", async () => {
    let calls = 0;
    const busy = Object.assign(new Error("SqliteError: database is locked"), { code: "SQLITE_BUSY" });
    await expect(withBusyRetry(async () => (++calls < 3 ? Promise.reject(busy) : "ok"), { baseDelayMs: 1 })).resolves.toBe("ok");
    expect(calls).toBe(3);
    await expect(withBusyRetry(async () => Promise.reject(new Error("other")), { baseDelayMs: 1 })).rejects.toThrow("other");
  });
});
