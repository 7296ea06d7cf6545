import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isDctHash, NEAR_DUPLICATE_MAX_DISTANCE } from "@/lib/core/leakage";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { createBlobStore, type BlobStore } from "@/lib/server/storage/blob-store";
import sharp from "sharp";
import { checkEvaluationLeakage, hashFillsSettled, pairsSharingTrainingImages } from "./leakage";

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

/** Imports images as a dataset version (rows + blobs; the mask is the image, unused here), optionally with a stored perceptual hash. */
async function importImages(ownerApp: string, name: string, images: { name: string; bytes: Uint8Array }[], perceptualHash: string | null = null) {
  const dataset = await t.db.dataset.create({ data: { appId: ownerApp, name } });
  const version = await t.db.datasetVersion.create({ data: { datasetId: dataset.id, number: 1, classes: [{ index: 0, name: "road", color: [0, 0, 0] }], sampleCount: images.length } });
  for (const [position, image] of images.entries()) {
    const { sha256 } = await store.putBlob(image.bytes);
    const sample = await t.db.sample.create({ data: { datasetId: dataset.id, name: image.name, imageSha256: sha256, imageContentType: "image/png", maskSha256: sha256, width: 480, height: 360, perceptualHash } });
    await t.db.datasetVersionSample.create({ data: { datasetVersionId: version.id, sampleId: sample.id, position } });
  }
  return version.id;
}

const importFrames = async (ownerApp: string, name: string, files: string[], perceptualHash: string | null = null) =>
  importImages(ownerApp, name, await Promise.all(files.map(async (f) => ({ name: path.basename(f, ".png"), bytes: await readFile(f) }))), perceptualHash);

/** A smooth 96x64 picture of its own per seed (rings around a point), as PNG; `jpeg` re-encodes the same pixels lossily (a near-duplicate). */
async function picture(seed: number, jpeg = false): Promise<Uint8Array> {
  const [w, h] = [96, 64];
  const px = new Uint8Array(w * h * 3);
  const [cx, cy] = [(seed * 37) % w, (seed * 23) % h];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const r = Math.hypot(x - cx, y - cy);
      const v = 128 + 120 * Math.sin(r / (3 + (seed % 5)) + seed);
      px.set([v, 255 - v, (x * 255) / w], (y * w + x) * 3);
    }
  }
  const image = sharp(px, { raw: { width: w, height: h, channels: 3 } });
  return jpeg ? image.jpeg({ quality: 80 }).toBuffer() : image.png().toBuffer();
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

    const view = await checkEvaluationLeakage({ ownerId, evaluationId: evaluation.id }, t.db, (sha) => store.readBlob(sha), 60_000); // a budget no loaded host runs out of: this test is about the matches
    expect(view.checked).toBe(true);
    expect(view.matches.length).toBe(4);
    expect(view.matches.every((m) => m.kind === "near-duplicate" && m.distance <= NEAR_DUPLICATE_MAX_DISTANCE)).toBe(true);
    // hashes were computed lazily and stored, the old-format ones replaced
    const stored = await t.db.sample.findMany({ select: { perceptualHash: true } });
    expect(stored.length).toBe(8);
    expect(stored.every((s) => s.perceptualHash !== null && isDctHash(s.perceptualHash))).toBe(true);
  }, 60_000);
});

describe("leakage check with hashes still missing", () => {
  it("answers within its budget: identical images at once, the rest hashed in the background and reported as pending until done", async () => {
    const ownerId = (await t.db.user.create({ data: { email: "p@x", name: "p", passwordHash: "x" } })).id;
    const app = await t.db.app.create({ data: { ownerId, name: "pending" } });
    const training = await Promise.all([1, 2, 3, 4].map(async (k) => ({ name: `train-${k}`, bytes: await picture(k) })));
    // eval-1 is train-1 byte for byte; eval-2 is train-2 re-encoded (a near-duplicate); eval-9 is new
    const evaluated = [
      { name: "eval-1", bytes: training[0].bytes },
      { name: "eval-2", bytes: await picture(2, true) },
      { name: "eval-9", bytes: await picture(9) },
    ];
    const trainV = await importImages(app.id, "pending-train", training);
    const evalV = await importImages(app.id, "pending-val", evaluated);
    const model = await t.db.model.create({ data: { appId: app.id, name: "m" } });
    const mv = await t.db.modelVersion.create({ data: { modelId: model.id, number: 1, runnerKind: "predictions", runnerConfig: {}, classes: [], trainingSets: { create: [{ datasetVersionId: trainV }] } } });
    const evaluation = await t.db.evaluation.create({ data: { ownerId, modelVersionId: mv.id, datasetVersionId: evalV, settings: { ignoreIndex: null }, progressTotal: 3 } });
    const read = (sha: string) => store.readBlob(sha);

    const first = await checkEvaluationLeakage({ ownerId, evaluationId: evaluation.id }, t.db, read, 0);
    expect(first.pending).toEqual({ hashed: 0, total: 7 });
    expect(first.matches.map((m) => [m.sample, m.trainingSample, m.kind])).toEqual([["eval-1", "train-1", "exact"]]);

    await hashFillsSettled();
    const hashed = await t.db.sample.findMany({ where: { datasetId: { in: (await t.db.dataset.findMany({ where: { appId: app.id } })).map((d) => d.id) } }, select: { perceptualHash: true } });
    expect(hashed.length).toBe(7);
    expect(hashed.every((s) => s.perceptualHash !== null && isDctHash(s.perceptualHash))).toBe(true);

    const second = await checkEvaluationLeakage({ ownerId, evaluationId: evaluation.id }, t.db, read, 0);
    expect(second.pending).toBeNull();
    expect(second.matches.map((m) => [m.sample, m.trainingSample, m.kind]).sort()).toEqual([
      ["eval-1", "train-1", "exact"],
      ["eval-2", "train-2", "near-duplicate"],
    ]);
  }, 60_000);

  it("tries an unreadable image once: later views neither read it again nor stay pending", async () => {
    const ownerId = (await t.db.user.create({ data: { email: "u@x", name: "u", passwordHash: "x" } })).id;
    const app = await t.db.app.create({ data: { ownerId, name: "unreadable" } });
    const broken = { name: "train-broken", bytes: new TextEncoder().encode("not an image") };
    const trainV = await importImages(app.id, "u-train", [{ name: "train-5", bytes: await picture(5) }, broken]);
    const evalV = await importImages(app.id, "u-val", [{ name: "eval-5", bytes: await picture(5, true) }]);
    const model = await t.db.model.create({ data: { appId: app.id, name: "m" } });
    const mv = await t.db.modelVersion.create({ data: { modelId: model.id, number: 1, runnerKind: "predictions", runnerConfig: {}, classes: [], trainingSets: { create: [{ datasetVersionId: trainV }] } } });
    const evaluation = await t.db.evaluation.create({ data: { ownerId, modelVersionId: mv.id, datasetVersionId: evalV, settings: { ignoreIndex: null }, progressTotal: 1 } });
    const brokenSha = (await t.db.sample.findFirstOrThrow({ where: { name: broken.name } })).imageSha256;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    let brokenReads = 0;
    const read = (sha: string) => {
      if (sha === brokenSha) brokenReads++;
      return store.readBlob(sha);
    };

    const first = await checkEvaluationLeakage({ ownerId, evaluationId: evaluation.id }, t.db, read, 0);
    expect(first.pending).toEqual({ hashed: 0, total: 3 });
    await hashFillsSettled();
    for (const budget of [0, 1500]) {
      const later = await checkEvaluationLeakage({ ownerId, evaluationId: evaluation.id }, t.db, read, budget);
      expect(later.pending).toBeNull();
      expect(later.matches.map((m) => [m.sample, m.trainingSample, m.kind])).toEqual([["eval-5", "train-5", "near-duplicate"]]);
    }
    expect(brokenReads).toBe(1);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0][0])).toMatch(/^\[leakage\] sample train-broken: its image could not be fingerprinted/);
    logged.mockRestore();
    expect(await hashFillsSettled()).toBeUndefined();
  }, 60_000);
});

describe("the leaderboard's exact-image mark", () => {
  it("marks a dataset version that holds an image identical to a training image (also in another dataset), not an unrelated one", async () => {
    const ownerId = (await t.db.user.create({ data: { email: "board@x", name: "b", passwordHash: "x" } })).id;
    const app = await t.db.app.create({ data: { ownerId, name: "board" } });
    const [a, b, c] = await Promise.all([picture(101), picture(102), picture(103)]);
    const training = await importImages(app.id, "train", [{ name: "a", bytes: a }, { name: "b", bytes: b }]);
    const copied = await importImages(app.id, "val-with-copy", [{ name: "x", bytes: b }, { name: "y", bytes: c }]);
    const clean = await importImages(app.id, "val-clean", [{ name: "y", bytes: c }]);
    const trainedOn = new Map([[1, [training]], [2, []]]);
    const pairs = [training, copied, clean].flatMap((datasetVersionId) => [1, 2].map((modelVersion) => ({ modelVersion, datasetVersionId })));
    expect([...(await pairsSharingTrainingImages(pairs, trainedOn, t.db))].sort()).toEqual([`1|${copied}`, `1|${training}`].sort());
  });
});
