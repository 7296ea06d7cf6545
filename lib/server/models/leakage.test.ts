import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isDctHash, NEAR_DUPLICATE_MAX_DISTANCE } from "@/lib/core/leakage";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { createBlobStore, type BlobStore } from "@/lib/server/storage/blob-store";
import { checkEvaluationLeakage } from "./leakage";

const camvid = path.resolve(import.meta.dirname, "../../../../shared/datasets/camvid");
const hasCamvid = existsSync(path.join(camvid, "val", "images"));
if (!hasCamvid) console.warn(`Skipping the CamVid leakage warning test: ${camvid} not found (the shared datasets are not on this machine).`);

let t: TestDatabase;
let store: BlobStore;

beforeAll(async () => {
  t = await createTestDatabase();
  store = createBlobStore(path.join(t.dir, "blobs"));
});
afterAll(async () => t?.cleanup());

/** Imports frames as a dataset version (rows + blobs; the mask is the image, unused here), optionally with a stored perceptual hash. */
async function importFrames(ownerApp: string, name: string, files: string[], perceptualHash: string | null = null) {
  const dataset = await t.db.dataset.create({ data: { appId: ownerApp, name } });
  const version = await t.db.datasetVersion.create({ data: { datasetId: dataset.id, number: 1, classes: [{ index: 0, name: "road", color: [0, 0, 0] }], sampleCount: files.length } });
  for (const [position, file] of files.entries()) {
    const { sha256 } = await store.putBlob(await readFile(file));
    const sample = await t.db.sample.create({ data: { datasetId: dataset.id, name: path.basename(file, ".png"), imageSha256: sha256, imageContentType: "image/png", maskSha256: sha256, width: 480, height: 360, perceptualHash } });
    await t.db.datasetVersionSample.create({ data: { datasetVersionId: version.id, sampleId: sample.id, position } });
  }
  return version.id;
}

describe.skipIf(!hasCamvid)("leakage warning on CamVid frames", () => {
  it("warns when evaluation frames are near-duplicates of training frames (alternate frames of one video), hashing lazily and replacing old 64-bit dHashes", async () => {
    const dir = path.join(camvid, "val", "images");
    const frames = readdirSync(dir).filter((f) => f.endsWith(".png")).sort().slice(0, 8).map((f) => path.join(dir, f));
    const ownerId = (await t.db.user.create({ data: { email: "o@x", name: "o", passwordHash: "x" } })).id;
    const app = await t.db.app.create({ data: { ownerId, name: "camvid" } });
    const trainV = await importFrames(app.id, "camvid-train", frames.filter((_, i) => i % 2 === 0), "0f0f0f0f0f0f0f0f");
    const evalV = await importFrames(app.id, "camvid-val", frames.filter((_, i) => i % 2 === 1));
    const model = await t.db.model.create({ data: { appId: app.id, name: "m" } });
    const mv = await t.db.modelVersion.create({ data: { modelId: model.id, number: 1, runnerKind: "predictions", runnerConfig: {}, classes: [], trainingSets: { create: [{ datasetVersionId: trainV }] } } });
    const evaluation = await t.db.evaluation.create({ data: { ownerId, modelVersionId: mv.id, datasetVersionId: evalV, settings: { ignoreIndex: null }, progressTotal: 4 } });

    const view = await checkEvaluationLeakage({ ownerId, evaluationId: evaluation.id }, t.db, (sha) => store.readBlob(sha));
    expect(view.checked).toBe(true);
    expect(view.matches.length).toBe(4);
    expect(view.matches.every((m) => m.kind === "near-duplicate" && m.distance <= NEAR_DUPLICATE_MAX_DISTANCE)).toBe(true);
    // hashes were computed lazily and stored, the old-format ones replaced
    const stored = await t.db.sample.findMany({ select: { perceptualHash: true } });
    expect(stored.length).toBe(8);
    expect(stored.every((s) => s.perceptualHash !== null && isDctHash(s.perceptualHash))).toBe(true);
  }, 60_000);
});
