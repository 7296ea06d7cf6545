import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCreateApp } from "./create-app";
import { adminCreateModelVersion } from "./create-model-version";
import { adminCreateUser } from "./create-user";
import { adminImportDataset } from "./import-dataset";
import { createAdminTestDeps } from "./test-helpers";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const camvid = path.resolve(repoRoot, "../shared/datasets/camvid");
const exists = existsSync(path.join(camvid, "val", "images"));
if (!exists) console.warn(`Skipping the CamVid import test: ${camvid} not found (the shared datasets are not on this machine).`);

describe.skipIf(!exists)("admin commands on the real CamVid val folder", () => {
  let deps: Awaited<ReturnType<typeof createAdminTestDeps>>;
  beforeAll(async () => {
    deps = await createAdminTestDeps();
    await adminCreateUser({ email: "ann@example.com", password: "correct-horse" }, deps);
    await adminCreateApp({ email: "ann@example.com", appName: "Street" }, deps);
  });
  afterAll(async () => {
    await deps?.cleanup();
  });

  it("imports 101 samples with 11 classes and ignore index 11, then its masks as a model version", async () => {
    const started = Date.now();
    const r = await adminImportDataset(
      {
        email: "ann@example.com",
        appName: "Street",
        datasetName: "camvid",
        dir: path.join(camvid, "val"),
        classesFile: path.join(camvid, "classes.json"),
      },
      deps,
    );
    const importMs = Date.now() - started;
    expect(r).toMatchObject({ number: 1, sampleCount: 101, ignoreIndex: 11 });
    expect(r.classes).toHaveLength(11);
    expect(r.classes[0]).toEqual({ index: 0, name: "Sky", color: [128, 128, 128] });
    expect(r.classes[10].name).toBe("Bicyclist");
    const samples = await deps.db.sample.findMany({ select: { width: true, height: true, imageContentType: true } });
    expect(samples).toHaveLength(101);
    expect(samples.every((s) => s.width === 480 && s.height === 360 && s.imageContentType === "image/png")).toBe(true);

    const m = await adminCreateModelVersion(
      { email: "ann@example.com", appName: "Street", modelName: "echo", predictionsDir: path.join(camvid, "val", "masks"), likeDataset: "camvid" },
      deps,
    );
    expect(m.predictionCount).toBe(101);
    const names = await deps.db.predictionMask.findMany({ select: { sampleName: true }, orderBy: { sampleName: "asc" } });
    const sampleNames = await deps.db.sample.findMany({ select: { name: true }, orderBy: { name: "asc" } });
    expect(names.map((n) => n.sampleName)).toEqual(sampleNames.map((s) => s.name));
    console.log(`CamVid val: import ${importMs} ms, predictions ${Date.now() - started - importMs} ms`);
  });
});
