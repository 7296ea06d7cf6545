import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertApp } from "@/lib/server/db/apps";
import { getVersionStats } from "@/lib/server/db/dataset-version-stats";
import { listGalleryPage } from "@/lib/server/db/sample-gallery";
import { createTestDatabase } from "@/lib/server/db/test-database";
import { insertUser } from "@/lib/server/db/users";
import { createBlobStore } from "@/lib/server/storage/blob-store";
import { writeZip } from "@/lib/core/import/zip-writer";
import { importDataset, ImportProblemsError, removeSamplesAsNewVersion } from "./import-dataset-version";
import { makeTempDir, maskPng, rgbPng, writeTree } from "./import/test-fixtures";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let deps: { db: typeof t.db; store: ReturnType<typeof createBlobStore> };
let ownerId: string;
let strangerId: string;
let appId: string;

beforeAll(async () => {
  t = await createTestDatabase("intersect-import-domain-");
  deps = { db: t.db, store: createBlobStore(path.join(t.dir, "blobs")) };
  ownerId = (await insertUser({ email: "ann@example.com", name: "Ann", passwordHash: "x" }, t.db)).id;
  strangerId = (await insertUser({ email: "bob@example.com", name: "Bob", passwordHash: "x" }, t.db)).id;
  appId = (await insertApp({ ownerId, name: "Street", description: "" }, t.db)).id;
});
afterAll(async () => {
  await t.cleanup();
});

const stagingLeftovers = async () => (await readdir(t.dir)).filter((n) => n.startsWith("intersect-import-"));

describe("importDataset", () => {
  it("imports a zip archive, records class pixels and tags, removes the extraction", async () => {
    const tmp = await makeTempDir();
    try {
      const names = ["s1", "s2", "s3", "s4", "s5", "s6"];
      const zip = writeZip([
        { name: "ds/classes.json", data: new TextEncoder().encode('{"classes":[{"name":"bg","color":[0,0,0]},{"name":"road","color":[128,64,128]}],"ignore_index":255}') },
        { name: "ds/tags.json", data: new TextEncoder().encode('{"s1":["night"],"s2":["occluded","night"]}') },
        ...names.flatMap((n, i) => [
          { name: `ds/images/${n}.png`, data: rgbPng(64, 48, i) },
          { name: `ds/masks/${n}.png`, data: maskPng(64, 48, [0, 1, 255]) },
        ]),
      ]);
      const archive = path.join(tmp.dir, "sample.zip");
      await writeTree(tmp.dir, { "sample.zip": zip });
      const r = await importDataset({ ownerId, target: { appId, datasetName: "sample" }, source: { archive, stagingRoot: t.dir } }, deps);
      expect(r).toMatchObject({ number: 1, sampleCount: 6, datasetCreated: true, skipped: 0 });
      expect(r.report.plan.layout).toBe("pairs");
      const samples = await t.db.sample.findMany({ where: { datasetId: r.datasetId }, select: { metadata: true, tags: true } });
      expect(samples.every((s) => Object.keys((s.metadata as { classPixels: object }).classPixels).length > 0)).toBe(true);
      expect(samples.some((s) => s.tags.length > 0)).toBe(true);
      expect(await stagingLeftovers()).toEqual([]);
    } finally {
      await tmp.cleanup();
    }
  });

  it("refuses with every problem naming its file, writes nothing; the valid subset imports on request", async () => {
    const tmp = await makeTempDir();
    try {
      await writeTree(tmp.dir, {
        "classes.json": JSON.stringify(["bg", "road"]),
        "images/a.png": rgbPng(8, 6, 1),
        "masks/a.png": maskPng(8, 6, [0, 1]),
        "images/b.png": rgbPng(8, 6, 2),
        "masks/b.png": maskPng(7, 6, [0, 1]),
        "images/c.png": rgbPng(8, 6, 3),
        "masks/c.png": maskPng(8, 6, [0, 7]),
        "images/d.png": rgbPng(8, 6, 4),
      });
      const before = await t.db.datasetVersion.count();
      const error = await importDataset({ ownerId, target: { appId, datasetName: "bad" }, source: { dir: tmp.dir } }, deps).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportProblemsError);
      const files = (error as ImportProblemsError).problems.map((p) => p.file).sort();
      expect(files).toEqual(["images/d.png", "masks/b.png", "masks/c.png"]);
      expect(await t.db.datasetVersion.count()).toBe(before);
      expect(await t.db.dataset.count({ where: { name: "bad" } })).toBe(0);
      const subset = await importDataset({ ownerId, target: { appId, datasetName: "bad" }, source: { dir: tmp.dir }, validSubset: true }, deps);
      // Two samples with problems and an image without a mask: three left out.
      expect(subset).toMatchObject({ sampleCount: 1, skipped: 3 });
    } finally {
      await tmp.cleanup();
    }
  });

  it("updates from the latest version: adds, replaces and removes, sharing unchanged samples", async () => {
    const tmp = await makeTempDir();
    try {
      const files = (seed: number, names: string[]) =>
        Object.fromEntries(names.flatMap((n, i) => [[`images/${n}.png`, rgbPng(8, 6, seed + i)], [`masks/${n}.png`, maskPng(8, 6, [0, 1])]]));
      await writeTree(path.join(tmp.dir, "v1"), { "classes.json": '["bg","road"]', ...files(10, ["a", "b", "c"]) });
      await writeTree(path.join(tmp.dir, "v2"), { "classes.json": '["bg","road"]', ...files(50, ["c", "d"]) });
      const v1 = await importDataset({ ownerId, target: { appId, datasetName: "grow" }, source: { dir: path.join(tmp.dir, "v1") } }, deps);
      const v2 = await importDataset(
        { ownerId, target: { datasetId: v1.datasetId }, source: { dir: path.join(tmp.dir, "v2") }, mode: "update", remove: ["a"] },
        deps,
      );
      expect(v2).toMatchObject({ number: 2, sampleCount: 3 });
      const names = async (id: string) =>
        (await t.db.datasetVersionSample.findMany({ where: { datasetVersionId: id }, select: { sample: { select: { id: true, name: true } } } })).map((r) => r.sample);
      const [one, two] = [await names(v1.id), await names(v2.id)];
      expect(two.map((s) => s.name).sort()).toEqual(["b", "c", "d"]);
      expect(two.find((s) => s.name === "b")!.id).toBe(one.find((s) => s.name === "b")!.id);
      expect(two.find((s) => s.name === "c")!.id).not.toBe(one.find((s) => s.name === "c")!.id);
      await expect(removeSamplesAsNewVersion({ ownerId, datasetId: v1.datasetId, remove: ["d", "zz", "a"] }, deps)).rejects.toMatchObject({
        code: "invalid_input",
        message: "Not in version 2: zz, a; nothing was removed.",
      });
      await expect(removeSamplesAsNewVersion({ ownerId, datasetId: v1.datasetId, remove: ["zz"] }, deps)).rejects.toThrow("None of those samples is in version 2.");
      const v3 = await removeSamplesAsNewVersion({ ownerId, datasetId: v1.datasetId, remove: ["d"] }, deps);
      expect(v3).toMatchObject({ number: 3, sampleCount: 2 });
      expect((await t.db.datasetVersion.findUniqueOrThrow({ where: { id: v3.id } })).note).toBe("Removed 1 sample");
    } finally {
      await tmp.cleanup();
    }
  });

  it("an update without a classes file takes the latest version's classes, and a replaced sample keeps its tags", async () => {
    const tmp = await makeTempDir();
    try {
      const pair = (n: string, seed: number) => ({ [`images/${n}.png`]: rgbPng(8, 6, seed), [`masks/${n}.png`]: maskPng(8, 6, [0, 1, 2]) });
      await writeTree(path.join(tmp.dir, "v1"), { "classes.json": JSON.stringify({ classes: [{ name: "bg" }, { name: "road" }, { name: "car" }], ignore_index: 255 }), ...pair("a", 1), ...pair("b", 2), "tags.json": '{"a":["night","occluded"]}' });
      await writeTree(path.join(tmp.dir, "v2"), { ...pair("a", 9), ...pair("c", 3) });
      const v1 = await importDataset({ ownerId, target: { appId, datasetName: "tagged" }, source: { dir: path.join(tmp.dir, "v1") } }, deps);
      const v2 = await importDataset({ ownerId, target: { datasetId: v1.datasetId }, source: { dir: path.join(tmp.dir, "v2") }, mode: "update" }, deps);
      expect(v2).toMatchObject({ number: 2, sampleCount: 3 });
      expect(v2.report.plan.classSource).toBe("latest-version");
      const version = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: v2.id }, select: { classes: true, ignoreIndex: true } });
      expect((version.classes as { name: string }[]).map((c) => c.name)).toEqual(["bg", "road", "car"]);
      expect(version.ignoreIndex).toBe(255);
      const replaced = await t.db.datasetVersionSample.findFirstOrThrow({
        where: { datasetVersionId: v2.id, sample: { name: "a" } },
        select: { sample: { select: { id: true, tags: { select: { tag: true }, orderBy: { tag: "asc" } } } } },
      });
      const before = await t.db.sample.findFirstOrThrow({ where: { datasetId: v1.datasetId, name: "a" }, orderBy: { createdAt: "asc" }, select: { id: true } });
      expect(replaced.sample.id).not.toBe(before.id);
      expect(replaced.sample.tags.map((x) => x.tag)).toEqual(["night", "occluded"]);
    } finally {
      await tmp.cleanup();
    }
  });

  it("a version that reuses stored samples under another class list counts its own void and takes the upload's tags", async () => {
    const tmp = await makeTempDir();
    try {
      // 8x6 masks cycling 0, 1, 2: 16 pixels of each value. v1 declares 2 classes with void 2; v2 the same files without classes.json.
      const pairs = { ...{ "images/a.png": rgbPng(8, 6, 1), "masks/a.png": maskPng(8, 6, [0, 1, 2]) }, ...{ "images/b.png": rgbPng(8, 6, 2), "masks/b.png": maskPng(8, 6, [0, 1, 2]) } };
      await writeTree(path.join(tmp.dir, "v1"), { "classes.json": JSON.stringify({ classes: [{ name: "bg" }, { name: "road" }], ignore_index: 2 }), ...pairs });
      await writeTree(path.join(tmp.dir, "v2"), { ...pairs, "tags.json": '{"a":["night"]}' });
      const v1 = await importDataset({ ownerId, target: { appId, datasetName: "reused" }, source: { dir: path.join(tmp.dir, "v1") } }, deps);
      const v2 = await importDataset({ ownerId, target: { datasetId: v1.datasetId }, source: { dir: path.join(tmp.dir, "v2") } }, deps);
      expect(await t.db.sample.count({ where: { datasetId: v1.datasetId } })).toBe(2); // the samples are shared, not copied
      const v2Row = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: v2.id }, select: { ignoreIndex: true, classes: true } });
      expect([v2Row.ignoreIndex, (v2Row.classes as unknown[]).length]).toEqual([null, 3]);
      const stats = async (id: string) => (await getVersionStats({ datasetVersionId: id }, t.db)).perClass.sort((x, y) => x.classIndex - y.classIndex);
      expect(await stats(v1.id)).toEqual([{ classIndex: 0, pixels: 32, images: 2 }, { classIndex: 1, pixels: 32, images: 2 }]);
      expect(await stats(v2.id)).toEqual([0, 1, 2].map((classIndex) => ({ classIndex, pixels: 32, images: 2 })));
      const gallery = await listGalleryPage({ datasetVersionId: v2.id, classIndex: 2, page: 1, pageSize: 10 }, t.db);
      expect(gallery.total).toBe(2);
      const a = await t.db.sample.findFirstOrThrow({ where: { datasetId: v1.datasetId, name: "a" }, select: { tags: { select: { tag: true } } } });
      expect(a.tags.map((x) => x.tag)).toEqual(["night"]);
    } finally {
      await tmp.cleanup();
    }
  });

  it("refuses another owner's app or dataset as not_found before reading the source", async () => {
    const a = await importDataset({ ownerId: strangerId, target: { appId, datasetName: "x" }, source: { dir: "/nonexistent" } }, deps).catch((e: unknown) => e);
    expect(a).toMatchObject({ code: "not_found" });
  });
});

const shared = path.resolve(import.meta.dirname, "../../../../shared/datasets");
const hasShared = (await readFile(path.join(shared, "camvid/README.md")).catch(() => null)) !== null;
if (!hasShared) console.warn(`Skipping the shared-dataset domain imports: ${shared} not found (the shared datasets are not on this machine).`);

describe.skipIf(!hasShared)("shared datasets through the domain path", () => {
  it("CamVid val: 101 pairs, void 11", async () => {
    const text = await readFile(path.join(shared, "camvid/classes.json"), "utf8");
    const r = await importDataset(
      { ownerId, target: { appId, datasetName: "camvid" }, source: { dir: path.join(shared, "camvid/val") }, options: { classes: { text, fileName: "classes.json" } } },
      deps,
    );
    expect(r).toMatchObject({ sampleCount: 101 });
    const v = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: r.id } });
    expect(v.ignoreIndex).toBe(11);
  });

  it("VOC palette: 255 void", async () => {
    const r = await importDataset({ ownerId, target: { appId, datasetName: "voc" }, source: { dir: path.join(shared, "voc2012_palette") } }, deps);
    const v = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: r.id } });
    expect(v.ignoreIndex).toBe(255);
    expect((v.classes as unknown[]).length).toBe(21);
  });

  it("ISIC: binary masks, no void", async () => {
    const r = await importDataset({ ownerId, target: { appId, datasetName: "isic" }, source: { dir: path.join(shared, "isic2017_lesion") } }, deps);
    expect(r.sampleCount).toBe(98);
    const v = await t.db.datasetVersion.findUniqueOrThrow({ where: { id: r.id } });
    expect(v.ignoreIndex).toBeNull();
  });
});
