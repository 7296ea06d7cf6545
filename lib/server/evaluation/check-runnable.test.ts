import type { ClassEntry } from "@/lib/contracts/classes";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { evaluationSettingsSchema } from "@/lib/contracts/evaluation-settings";
import { listDatasetsForPicker } from "@/lib/server/db/datasets";
import { listVersionRows } from "@/lib/server/models/version-rows";
import { createEvaluation } from "./create";

const STREET: ClassEntry[] = [
  { index: 0, name: "road", color: [0, 0, 0] },
  { index: 1, name: "sky", color: [1, 1, 1] },
];
const LESION: ClassEntry[] = [
  { index: 0, name: "skin", color: [0, 0, 0] },
  { index: 1, name: "lesion", color: [1, 1, 1] },
];
const onnxConfig = { model: { sha256: "a".repeat(64), fileName: "m.onnx", bytes: 1 } };

let t: TestDatabase;
let ownerId: string;
let modelId: string;
let datasetId: string;
let datasetVersionId: string;

beforeEach(async () => {
  t = await createTestDatabase();
  ownerId = (await t.db.user.create({ data: { email: "o@x", name: "o", passwordHash: "x" } })).id;
  const app = await t.db.app.create({ data: { ownerId, name: "app" } });
  modelId = (await t.db.model.create({ data: { appId: app.id, name: "m" } })).id;
  datasetId = (await t.db.dataset.create({ data: { appId: app.id, name: "city" } })).id;
  datasetVersionId = (await t.db.datasetVersion.create({ data: { datasetId, number: 1, classes: STREET, ignoreIndex: null, sampleCount: 1 } })).id;
  const sample = await t.db.sample.create({ data: { datasetId, name: "s0", imageSha256: "b".repeat(64), imageContentType: "image/png", maskSha256: "b".repeat(64), width: 2, height: 2 } });
  await t.db.datasetVersionSample.create({ data: { datasetVersionId, sampleId: sample.id, position: 0 } });
});
afterEach(async () => t.cleanup());

let n = 0;
async function version(runnerKind: string, classes: ClassEntry[], runnerConfig: object = {}) {
  return (await t.db.modelVersion.create({ data: { modelId, number: ++n, runnerKind, runnerConfig, classes } })).id;
}
const create = (modelVersionId: string) => createEvaluation({ ownerId, input: { modelVersionId, datasetId } }, t.db);

describe("creating an evaluation that cannot run is refused, nothing created", () => {
  it("a predictions version without predictions for the dataset", async () => {
    const mv = await version("predictions", STREET);
    await expect(create(mv)).rejects.toThrow(/no predictions uploaded for this dataset \(0 of 1 samples/);
    await t.db.predictionMask.create({ data: { modelVersionId: mv, sampleName: "s0", maskSha256: "b".repeat(64) } });
    expect((await create(mv)).existing).toBeNull();
    expect(await t.db.evaluation.count()).toBe(1);
  });

  it("a model with no class in common", async () => {
    await expect(create(await version("onnx", LESION, onnxConfig))).rejects.toThrow(/no class in common \(model: skin, lesion; dataset: road, sky\)/);
    expect(await t.db.evaluation.count()).toBe(0);
  });

  it("an onnx version with a fixed input and resize none, on a dataset with larger images (the picker disables it for the same reason)", async () => {
    const small = await version("onnx", STREET, { ...onnxConfig, input: { size: [2, 1], resize: "none" } });
    await expect(create(small)).rejects.toThrow(/^m v\d+ cannot be evaluated on city v1: it has images larger than the model's 1x2 input \(resize "none"\)\. Choose "stretch" or "letterbox"/);
    expect(await t.db.evaluation.count()).toBe(0);
    const fits = await version("onnx", STREET, { ...onnxConfig, input: { size: [2, 2], resize: "none" } });
    const stretched = await version("onnx", STREET, { ...onnxConfig, input: { size: [1, 1], resize: "stretch" } });
    expect((await create(fits)).existing).toBeNull();
    expect((await create(stretched)).existing).toBeNull();
  });

  it("the dropdown's data carries both sizes: each dataset's largest image and each version's largest input", async () => {
    const mv = await version("onnx", STREET, { ...onnxConfig, input: { size: [2, 1], resize: "none" } });
    const any = await version("onnx", STREET, { ...onnxConfig, input: { size: [2, 1], resize: "letterbox" } });
    const { appId } = await t.db.dataset.findUniqueOrThrow({ where: { id: datasetId } });
    const groups = await listDatasetsForPicker({ ownerId, currentAppId: appId }, t.db);
    expect(groups[0].datasets[0].latest?.largestImage).toEqual({ width: 2, height: 2 });
    const rows = (await listVersionRows({ ownerId, modelId }, t.db)).versions;
    expect(rows.find((r) => r.id === mv)?.picker.largestImage).toEqual({ width: 1, height: 2 });
    expect(rows.find((r) => r.id === any)?.picker.largestImage).toBeNull();
  });

  it("an http endpoint that does not answer", async () => {
    const mv = await version("http", STREET, { url: "http://127.0.0.1:9", modelName: "seg" });
    await expect(create(mv)).rejects.toThrow(/endpoint is unreachable/);
    expect(await t.db.evaluation.count()).toBe(0);
  });

  it("stores the class mapping by name (case-insensitive) in the settings", async () => {
    const mv = await version("onnx", [{ index: 0, name: "SKY", color: [0, 0, 0] }, { index: 1, name: "car", color: [1, 1, 1] }], onnxConfig);
    const { id } = await create(mv);
    const row = await t.db.evaluation.findUniqueOrThrow({ where: { id }, select: { settings: true } });
    expect(evaluationSettingsSchema.parse(row.settings).classMapping).toEqual({ "0": 1, "1": -1 });
  });
});
