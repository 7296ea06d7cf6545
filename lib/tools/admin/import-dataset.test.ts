import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { adminCreateApp } from "./create-app";
import { adminCreateUser } from "./create-user";
import { adminImportDataset, type ImportDatasetInput } from "./import-dataset";
import { createAdminTestDeps, writeDatasetFolder, writeMaskPng } from "./test-helpers";

let deps: Awaited<ReturnType<typeof createAdminTestDeps>>;
let base: Omit<ImportDatasetInput, "dir">;

beforeEach(async () => {
  deps = await createAdminTestDeps();
  await adminCreateUser({ email: "ann@example.com", password: "correct-horse" }, deps);
  await adminCreateApp({ email: "ann@example.com", appName: "Street" }, deps);
  base = { email: "ann@example.com", appName: "Street", datasetName: "roads" };
});
afterEach(async () => {
  await deps.cleanup();
});

const folder = (name: string) => path.join(deps.dir, name);

async function failure(input: ImportDatasetInput): Promise<AppError> {
  const error = await adminImportDataset(input, deps).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function expectNothingWritten() {
  expect(await deps.db.dataset.count()).toBe(0);
  expect(await deps.db.datasetVersion.count()).toBe(0);
  expect(await deps.db.sample.count()).toBe(0);
  expect(await deps.db.datasetVersionSample.count()).toBe(0);
}

describe("import-dataset", () => {
  it("imports a folder as version 1, then the next import as version 2 of the same dataset", async () => {
    const dir = folder("ds");
    writeDatasetFolder(dir, [{ name: "a" }, { name: "b", value: (i) => (i % 5 === 0 ? 255 : 2) }, { name: "c", width: 5, height: 3 }]);
    writeFileSync(path.join(dir, "tags.json"), JSON.stringify({ a: ["night", "occluded"] }));
    const first = await adminImportDataset({ ...base, dir, note: "first cut" }, deps);
    expect(first).toMatchObject({ number: 1, sampleCount: 3, ignoreIndex: 255, datasetCreated: true });
    expect(first.classes.map((c) => c.name)).toEqual(["road", "car", "sky"]);

    const version = await deps.db.datasetVersion.findUniqueOrThrow({
      where: { id: first.versionId },
      select: { note: true, samples: { orderBy: { position: "asc" }, select: { sample: { select: { name: true, width: true, height: true, maskSha256: true, tags: true } } } } },
    });
    expect(version.note).toBe("first cut");
    expect(version.samples.map((s) => [s.sample.name, s.sample.width, s.sample.height])).toEqual([["a", 8, 6], ["b", 8, 6], ["c", 5, 3]]);
    expect(version.samples[0].sample.tags.map((t) => t.tag).sort()).toEqual(["night", "occluded"]);
    for (const s of version.samples) expect(await deps.store.hasBlob(s.sample.maskSha256)).toBe(true);

    writeDatasetFolder(folder("ds2"), [{ name: "a" }, { name: "d" }]);
    const second = await adminImportDataset({ ...base, dir: folder("ds2") }, deps);
    expect(second).toMatchObject({ datasetId: first.datasetId, number: 2, sampleCount: 2, datasetCreated: false });
    expect(await deps.db.dataset.count()).toBe(1);
  });

  it("takes the class list from --classes when given (CamVid keeps classes.json one level up)", async () => {
    const dir = folder("ds");
    writeDatasetFolder(dir, [{ name: "a", value: (i) => i % 4 }]);
    const classesFile = folder("other-classes.json");
    writeFileSync(classesFile, JSON.stringify(["road", "car", "sky", "person"]));
    const r = await adminImportDataset({ ...base, dir, classesFile }, deps);
    expect(r.classes.map((c) => c.name)).toEqual(["road", "car", "sky", "person"]);
    expect(r.ignoreIndex).toBeNull();
  });

  it("lists the images that have no mask", async () => {
    const dir = folder("ds");
    writeDatasetFolder(dir, [{ name: "a" }, { name: "lonely-1", noMask: true }, { name: "lonely-2", noMask: true }]);
    const error = await failure({ ...base, dir });
    // Every problem is listed, each naming its file below the folder (the import path the app and REST use).
    expect(error.message).toContain(`2 problem(s)`);
    expect(error.message).toContain(`${path.join(dir, "images", "lonely-1.png")}: missing mask (expected masks/lonely-1.png)`);
    expect(error.message).toContain(`${path.join(dir, "images", "lonely-2.png")}: missing mask (expected masks/lonely-2.png)`);
    await expectNothingWritten();
  });

  it("names the mask whose size differs from its image", async () => {
    const dir = folder("ds");
    writeDatasetFolder(dir, [{ name: "a" }, { name: "b", maskWidth: 7 }]);
    const error = await failure({ ...base, dir });
    expect(error.message).toContain(`${path.join(dir, "masks", "b.png")}: size mismatch: mask is 7x6, its image images/b.png is 8x6`);
    await expectNothingWritten();
  });

  it("names the file and the values of ground truth outside the class list, and keeps an existing dataset as it was", async () => {
    writeDatasetFolder(folder("ok"), [{ name: "a" }]);
    const ok = await adminImportDataset({ ...base, dir: folder("ok") }, deps);
    const dir = folder("bad");
    writeDatasetFolder(dir, [{ name: "a" }, { name: "b" }]);
    writeMaskPng(path.join(dir, "masks", "b.png"), 8, 6, (i) => (i < 4 ? 7 : i < 6 ? 9 : 0));
    const error = await failure({ ...base, dir });
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain(path.join(dir, "masks", "b.png"));
    expect(error.message).toContain(`${path.join(dir, "masks", "b.png")}: undeclared values 7 (4 px), 9 (2 px)`);
    expect(await deps.db.datasetVersion.findMany({ select: { id: true } })).toEqual([{ id: ok.versionId }]);
    expect(await deps.db.sample.count()).toBe(1);
  });

  it("refuses an unknown user and an unknown app", async () => {
    writeDatasetFolder(folder("ds"), [{ name: "a" }]);
    const noUser = await failure({ ...base, email: "nobody@example.com", dir: folder("ds") });
    expect(noUser.code).toBe("not_found");
    expect(noUser.message).toContain("nobody@example.com");
    const noApp = await failure({ ...base, appName: "Nope", dir: folder("ds") });
    expect(noApp.message).toContain('no app named "Nope"');
    await expectNothingWritten();
  });

  it("names a bad classes file", async () => {
    const dir = folder("ds");
    writeDatasetFolder(dir, [{ name: "a" }], { classes: [{ name: "road" }, { name: "Road" }] });
    const duplicate = await failure({ ...base, dir });
    expect(duplicate.message).toBe(`classes.json: class name "Road" appears twice.`);
    writeFileSync(path.join(dir, "classes.json"), "{not json");
    expect((await failure({ ...base, dir })).message).toMatch(/^classes\.json: not valid JSON/);
    const missing = await failure({ ...base, dir, classesFile: folder("missing.json") });
    expect(missing.message).toBe(`${folder("missing.json")}: classes file not found.`);
    await expectNothingWritten();
  });

  it("names a tags file that is not JSON", async () => {
    const dir = folder("ds");
    writeDatasetFolder(dir, [{ name: "a" }]);
    writeFileSync(path.join(dir, "tags.json"), "{a: night}");
    const error = await failure({ ...base, dir });
    expect(error.message).toMatch(/^tags\.json: not valid JSON/);
    await expectNothingWritten();
  });

  it("refuses a tag with \";\" or a control character in tags.json, naming the file, the sample and the tag", async () => {
    const dir = folder("ds");
    writeDatasetFolder(dir, [{ name: "a" }]);
    writeFileSync(path.join(dir, "tags.json"), JSON.stringify({ a: ["night", "rain;fog"] }));
    expect((await failure({ ...base, dir })).message).toContain(`${path.join(dir, "tags.json")}: sample "a": tag "rain;fog" contains ";", which separates tags in the results CSV; use another character (e.g. "-")`);
    writeFileSync(path.join(dir, "tags.json"), JSON.stringify({ a: ["dusk\nlate"] }));
    expect((await failure({ ...base, dir })).message).toMatch(/sample "a": tag "dusk\\nlate" contains a line break/);
    await expectNothingWritten();
  });

  it("refuses a class name with a control character, naming it", async () => {
    const dir = folder("ds");
    writeDatasetFolder(dir, [{ name: "a" }], { classes: [{ name: "road" }, { name: "car\tpark" }] });
    expect((await failure({ ...base, dir })).message).toBe(`classes.json: class name "car\\tpark" contains a tab (U+0009); class names must be printable text.`);
    await expectNothingWritten();
  });
});

describe("import-dataset --dir goes through the app's one import path", () => {
  it("reads a folder's tags.csv and CVAT labelmap.txt, and a labelmap given as --classes", async () => {
    const { rmSync } = await import("node:fs");
    const dir = folder("cvat");
    writeDatasetFolder(dir, [{ name: "a" }, { name: "b" }]);
    rmSync(path.join(dir, "classes.json"));
    const labelmap = "# label:color_rgb:parts:actions\nroad:128,64,128::\ncar:0,0,142::\nsky:70,130,180::\n";
    writeFileSync(path.join(dir, "labelmap.txt"), labelmap);
    writeFileSync(path.join(dir, "tags.csv"), "name,tags\na,night;rain\n");
    const r = await adminImportDataset({ ...base, dir }, deps);
    expect(r.classes.map((c) => [c.name, c.color])).toEqual([["road", [128, 64, 128]], ["car", [0, 0, 142]], ["sky", [70, 130, 180]]]);
    const tags = await deps.db.sampleTag.findMany({ where: { sample: { name: "a" } }, select: { tag: true }, orderBy: { tag: "asc" } });
    expect(tags.map((t) => t.tag)).toEqual(["night", "rain"]);

    const classesFile = folder("labelmap.txt");
    writeFileSync(classesFile, labelmap);
    const again = await adminImportDataset({ ...base, dir, classesFile }, deps);
    expect(again.number).toBe(2);
    expect(again.classes.map((c) => c.name)).toEqual(["road", "car", "sky"]);
  });

  it("lists every problem of a folder, not only the first", async () => {
    const dir = folder("two-problems");
    writeDatasetFolder(dir, [{ name: "a" }, { name: "no-mask", noMask: true }, { name: "b", maskWidth: 7 }]);
    const error = await failure({ ...base, dir });
    expect(error.message).toMatch(/^2 problem\(s\)/);
    expect(error.message).toContain("no-mask.png: missing mask");
    expect(error.message).toContain("b.png: size mismatch");
    await expectNothingWritten();
  });
});
