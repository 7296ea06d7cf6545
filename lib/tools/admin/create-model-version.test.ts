import { closeSync, mkdirSync, openSync, ftruncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/core/errors";
import { findPredictionMask } from "@/lib/server/db/model-versions";
import { decodeLabelMap } from "@/lib/core/masks";
import { createRunner } from "@/lib/server/models/runner";
import { adminCreateApp } from "./create-app";
import { adminCreateModelVersion, type CreateModelVersionInput } from "./create-model-version";
import { adminCreateUser } from "./create-user";
import { adminImportDataset } from "./import-dataset";
import { MAX_PREDICTION_FILE_BYTES, MAX_PREDICTION_FILES } from "@/lib/server/models/read-predictions";
import { createAdminTestDeps, writeDatasetFolder, writeMaskPng } from "./test-helpers";

let deps: Awaited<ReturnType<typeof createAdminTestDeps>>;
let base: Omit<CreateModelVersionInput, "predictionsDir">;
let classesFile: string;

beforeEach(async () => {
  deps = await createAdminTestDeps();
  await adminCreateUser({ email: "ann@example.com", password: "correct-horse" }, deps);
  await adminCreateApp({ email: "ann@example.com", appName: "Street" }, deps);
  classesFile = path.join(deps.dir, "model-classes.json");
  writeFileSync(classesFile, JSON.stringify({ classes: [{ name: "road", color: "#804080" }, { name: "car" }, { name: "sky" }] }));
  base = { email: "ann@example.com", appName: "Street", modelName: "segnet", classesFile };
});
afterEach(async () => {
  await deps.cleanup();
});

/** Writes `names` as 8x6 grey predictions into a new folder; values may fall outside the class list. */
function predictions(folderName: string, names: string[], value: (i: number) => number = (i) => i % 3): string {
  const dir = path.join(deps.dir, folderName);
  for (const name of names) writeMaskPng(path.join(dir, `${name}.png`), 8, 6, value);
  return dir;
}

async function failure(input: CreateModelVersionInput, db: Db = deps.db): Promise<AppError> {
  const error = await adminCreateModelVersion(input, { db, store: deps.store }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function expectNoModelRows() {
  expect(await deps.db.model.count()).toBe(0);
  expect(await deps.db.modelVersion.count()).toBe(0);
  expect(await deps.db.predictionMask.count()).toBe(0);
}

describe("create-model-version", () => {
  it("creates the model and version 1 with one prediction per PNG, keyed by stem, bytes in the blob store", async () => {
    const dir = predictions("pred", ["0001", "0002", "0003"], (i) => (i === 0 ? 200 : i % 3));
    writeFileSync(path.join(dir, "notes.txt"), "not a mask");
    const r = await adminCreateModelVersion({ ...base, predictionsDir: dir, note: "epoch 40" }, deps);
    expect(r).toMatchObject({ modelCreated: true, number: 1, predictionCount: 3, training: null });
    expect(r.classes).toEqual([
      { index: 0, name: "road", color: [128, 64, 128] },
      { index: 1, name: "car", color: expect.any(Array) },
      { index: 2, name: "sky", color: expect.any(Array) },
    ]);
    const version = await deps.db.modelVersion.findUniqueOrThrow({
      where: { id: r.versionId },
      select: { runnerKind: true, note: true, classes: true, predictionMasks: { orderBy: { sampleName: "asc" }, select: { sampleName: true, maskSha256: true } } },
    });
    expect(version).toMatchObject({ runnerKind: "predictions", note: "epoch 40", classes: r.classes });
    expect(version.predictionMasks.map((p) => p.sampleName)).toEqual(["0001", "0002", "0003"]);
    const stored = decodeLabelMap(await deps.store.readBlob(version.predictionMasks[0].maskSha256));
    expect([stored.width, stored.height, stored.data[0], stored.data[1]]).toEqual([8, 6, 200, 1]);
    const runner = createRunner(
      { id: r.versionId, runnerKind: "predictions", runnerConfig: {} },
      { readBlob: (sha) => deps.store.readBlob(sha), findPredictionMask: (a) => findPredictionMask(a, deps.db) },
    );
    const predicted = await runner.predict({ id: "s", name: "0002", imageSha256: "", width: 8, height: 6 });
    expect(Array.from(predicted.data.slice(0, 4))).toEqual([200, 1, 2, 0]);

    const again = await adminCreateModelVersion({ ...base, predictionsDir: predictions("pred2", ["0001"]) }, deps);
    expect(again).toMatchObject({ modelId: r.modelId, modelCreated: false, number: 2, predictionCount: 1 });
  });

  it("reads --classes in the web form's formats too: one name per line, a CSV with a name header, a labelmap.txt", async () => {
    const files = { "names.txt": "road\ncar\nsky\n", "class_dict.csv": "name,r,g,b\nroad,128,64,128\ncar,64,0,128\nsky,128,128,128\n", "labelmap.txt": "# label:color_rgb:parts:actions\nroad:128,64,128::\ncar:64,0,128::\nsky:128,128,128::\n" };
    for (const [i, [name, text]] of Object.entries(files).entries()) {
      const file = path.join(deps.dir, name);
      writeFileSync(file, text);
      const r = await adminCreateModelVersion({ ...base, classesFile: file, predictionsDir: predictions(`p${i}`, ["a"]) }, deps);
      expect(r.classes.map((c) => c.name)).toEqual(["road", "car", "sky"]);
      if (name !== "names.txt") expect(r.classes[1].color).toEqual([64, 0, 128]);
    }
  });

  it("copies the class list of a dataset's latest version and records the training dataset version", async () => {
    writeDatasetFolder(path.join(deps.dir, "ds1"), [{ name: "a" }]);
    writeDatasetFolder(path.join(deps.dir, "ds2"), [{ name: "a" }], { classes: [{ name: "road" }, { name: "car" }, { name: "sky" }, { name: "tree" }], ignore_index: 255 });
    const v1 = await adminImportDataset({ email: "ann@example.com", appName: "Street", datasetName: "roads", dir: path.join(deps.dir, "ds1") }, deps);
    await adminImportDataset({ email: "ann@example.com", appName: "Street", datasetName: "roads", dir: path.join(deps.dir, "ds2") }, deps);
    const r = await adminCreateModelVersion(
      { ...base, classesFile: undefined, likeDataset: "roads", trainingDataset: "roads", trainingVersion: 1, predictionsDir: predictions("pred", ["a"]) },
      deps,
    );
    expect(r.classes.map((c) => c.name)).toEqual(["road", "car", "sky", "tree"]);
    expect(r.training).toEqual({ datasetName: "roads", number: 1 });
    const row = await deps.db.modelVersion.findUniqueOrThrow({ where: { id: r.versionId }, select: { trainingDatasetVersionId: true } });
    expect(row.trainingDatasetVersionId).toBe(v1.versionId);
  });

  it("takes the datasets of another of the user's apps as APP/DATASET; a plain name stays the --app's", async () => {
    await adminCreateApp({ email: "ann@example.com", appName: "Parks" }, deps);
    writeDatasetFolder(path.join(deps.dir, "lawns"), [{ name: "a" }], { classes: [{ name: "grass" }, { name: "path" }, { name: "sky" }], ignore_index: 255 });
    const lawns = await adminImportDataset({ email: "ann@example.com", appName: "Parks", datasetName: "lawns", dir: path.join(deps.dir, "lawns") }, deps);
    const r = await adminCreateModelVersion(
      { ...base, classesFile: undefined, likeDataset: "Parks/lawns", trainedOn: [{ datasetName: "Parks/lawns", number: 1 }], forDataset: "Parks / lawns", predictionsDir: predictions("pred", ["a"]) },
      deps,
    );
    expect(r.classes.map((c) => c.name)).toEqual(["grass", "path", "sky"]);
    expect(r.trainedOn).toEqual([{ datasetName: "Parks/lawns", number: 1 }]);
    const row = await deps.db.modelVersion.findUniqueOrThrow({ where: { id: r.versionId }, select: { trainingSets: { select: { datasetVersionId: true } } } });
    expect(row.trainingSets).toEqual([{ datasetVersionId: lawns.versionId }]);

    expect((await failure({ ...base, trainingDataset: "lawns", predictionsDir: predictions("p2", ["a"]) })).message).toBe('App "Street" has no dataset named "lawns".');
    const noDataset = await failure({ ...base, trainingDataset: "Parks/roads", predictionsDir: predictions("p3", ["a"]) });
    expect(noDataset.message).toBe('App "Street" has no dataset named "Parks/roads", and ann@example.com has no app "Parks" with a dataset "roads".');
    const noVersion = await failure({ ...base, trainingDataset: "Parks/lawns", trainingVersion: 4, predictionsDir: predictions("p4", ["a"]) });
    expect(noVersion.message).toBe('Dataset "Parks/lawns" has no version 4.');

    // A dataset of --app whose name holds a "/" comes first; a name that splits two ways into the user's apps is refused.
    await adminImportDataset({ email: "ann@example.com", appName: "Street", datasetName: "Parks/lawns", dir: path.join(deps.dir, "lawns") }, deps);
    const own = await adminCreateModelVersion({ ...base, trainingDataset: "Parks/lawns", predictionsDir: predictions("p5", ["a"]) }, deps);
    expect(own.training).toEqual({ datasetName: "Parks/lawns", number: 1 });
    await adminCreateApp({ email: "ann@example.com", appName: "Parks/lawns" }, deps);
    await adminImportDataset({ email: "ann@example.com", appName: "Parks/lawns", datasetName: "x", dir: path.join(deps.dir, "lawns") }, deps);
    await adminImportDataset({ email: "ann@example.com", appName: "Parks", datasetName: "lawns/x", dir: path.join(deps.dir, "lawns") }, deps);
    const ambiguous = await failure({ ...base, trainingDataset: "Parks/lawns/x", predictionsDir: predictions("p6", ["a"]) });
    expect(ambiguous.message).toBe('"Parks/lawns/x" names more than one dataset (app "Parks" dataset "lawns/x" or app "Parks/lawns" dataset "x"); rename one of them.');
  });

  it("refuses a dataset for the predictions with an .onnx file or an endpoint", async () => {
    const error = await failure({ ...base, runner: { kind: "onnx", onnxFile: path.join(deps.dir, "m.onnx") }, forDataset: "roads" });
    expect(error.message).toContain("only for a predictions folder");
    await expectNoModelRows();
  });

  it("names an unreadable prediction file and writes nothing", async () => {
    const dir = predictions("pred", ["a", "b"]);
    writeFileSync(path.join(dir, "c.png"), "definitely not a png");
    const error = await failure({ ...base, predictionsDir: dir });
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain(`1 bad prediction file(s), nothing was created`);
    expect(error.message).toContain(`${path.join(dir, "c.png")}: `);
    await expectNoModelRows();
  });

  it("refuses predictions with a missing file, a wrong size or an undecodable file for the dataset, with one line per file", async () => {
    const data = path.join(deps.dir, "data");
    writeDatasetFolder(data, [{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }]);
    await adminImportDataset({ email: "ann@example.com", appName: "Street", datasetName: "val", dir: data }, deps);
    const dir = predictions("pred", ["a", "b"]);
    writeMaskPng(path.join(dir, "b.png"), 5, 6, () => 0);
    writeFileSync(path.join(dir, "c.png"), "definitely not a png");
    writeMaskPng(path.join(dir, "unknown.png"), 8, 6, () => 0);
    const error = await failure({ ...base, predictionsDir: dir, forDataset: "val" });
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("3 bad prediction file(s), nothing was created");
    expect(error.message).toContain(`${path.join(dir, "b.png")}: is 5x6, but sample "b" is 8x6`);
    expect(error.message).toContain(`${path.join(dir, "c.png")}: `);
    expect(error.message).toContain(`d.png: missing (sample "d" has no prediction)`);
    expect(error.message).toContain(`\nNot used (no sample of that name in the dataset version): ${path.join(dir, "unknown.png")}`);
    await expectNoModelRows();
  });

  it("rolls back the new model and version when writing the prediction rows fails", async () => {
    const failingDb = new Proxy(deps.db, {
      get(target, prop, receiver) {
        if (prop !== "$transaction") return Reflect.get(target, prop, receiver);
        return (fn: (tx: unknown) => Promise<unknown>, options: unknown) =>
          target.$transaction(
            (tx) =>
              fn(
                new Proxy(tx, {
                  get: (t, p, r) => (p === "predictionMask" ? { createMany: () => Promise.reject(new Error("disk full")) } : Reflect.get(t, p, r)),
                }),
              ),
            options as { timeout: number },
          );
      },
    }) as Db;
    const error = await adminCreateModelVersion({ ...base, predictionsDir: predictions("pred", ["a", "b"]) }, { db: failingDb, store: deps.store }).catch((e) => e);
    expect((error as Error).message).toBe("disk full");
    await expectNoModelRows();
  });

  it("refuses an unknown user, a bad classes file, a missing class list, an unknown dataset and an empty folder", async () => {
    const dir = predictions("pred", ["a"]);
    expect((await failure({ ...base, email: "nobody@example.com", predictionsDir: dir })).message).toContain("nobody@example.com");
    const badClasses = path.join(deps.dir, "bad-classes.json");
    writeFileSync(badClasses, JSON.stringify({ classes: [{ name: "road", index: 1 }] }));
    const bad = await failure({ ...base, classesFile: badClasses, predictionsDir: dir });
    expect(bad.message).toBe(`${badClasses}: class "road" has index 1, expected 0 (classes must be listed in index order 0..n-1).`);
    expect((await failure({ ...base, classesFile: undefined, predictionsDir: dir })).message).toContain("class list");
    const noDataset = await failure({ ...base, classesFile: undefined, likeDataset: "nope", predictionsDir: dir });
    expect(noDataset.message).toBe('App "Street" has no dataset named "nope".');
    const noTraining = await failure({ ...base, trainingDataset: "roads", predictionsDir: dir });
    expect(noTraining.code).toBe("not_found");
    mkdirSync(path.join(deps.dir, "empty"));
    expect((await failure({ ...base, predictionsDir: path.join(deps.dir, "empty") })).message).toBe(`${path.join(deps.dir, "empty")}: no *.png prediction masks found.`);
    expect((await failure({ ...base, predictionsDir: path.join(deps.dir, "absent") })).message).toContain("does not exist");
    await expectNoModelRows();
  });

  it("bounds the folder: at most 20 000 files of 64 MiB each", async () => {
    const big = predictions("big", ["a"]);
    const fd = openSync(path.join(big, "b.png"), "w");
    ftruncateSync(fd, MAX_PREDICTION_FILE_BYTES + 1);
    closeSync(fd);
    const tooBig = await failure({ ...base, predictionsDir: big });
    expect(tooBig.code).toBe("too_large");
    expect(tooBig.message).toBe(`${path.join(big, "b.png")}: ${MAX_PREDICTION_FILE_BYTES + 1} bytes is more than the ${MAX_PREDICTION_FILE_BYTES} allowed for one file.`);

    const many = path.join(deps.dir, "many");
    mkdirSync(many);
    for (let i = 0; i <= MAX_PREDICTION_FILES; i++) writeFileSync(path.join(many, `${i}.png`), "");
    const tooMany = await failure({ ...base, predictionsDir: many });
    expect(tooMany.code).toBe("too_large");
    expect(tooMany.message).toBe(`${many}: 20001 prediction masks is more than the 20000 allowed.`);
    await expectNoModelRows();
  });
});
