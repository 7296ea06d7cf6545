import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { encode } from "fast-png";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { createBlobStore, type BlobStore } from "@/lib/server/storage/blob-store";
import { AppError } from "@/lib/core/errors";
import type { LabelMap } from "@/lib/core/masks";
import type { Runner } from "@/lib/server/models/runner";
import { claimNextEvaluation } from "@/lib/server/db/evaluation-transitions";
import { createEvaluation } from "./create";
import { runEvaluation, type RunDeps } from "./run";
import { startEvaluation } from "./start";
import { createEvaluationStore } from "./store";
import { evaluationSummarySchema } from "@/lib/contracts/evaluation-summary";
import { listModelEvaluations } from "@/lib/server/db/evaluations";
import { updateSampleTags } from "@/lib/server/db/sample-tags";
import { loadImageIndex } from "@/lib/server/results/image-index";
import { currentResultsByTag } from "./by-tag";
import { compareEvaluation } from "./compare";

const W = 7;
const H = 5;
const CLASSES = [
  { index: 0, name: "bg", color: [0, 0, 0] },
  { index: 1, name: "a", color: [255, 0, 0] },
  { index: 2, name: "b", color: [0, 255, 0] },
];

function maskPng(values: (i: number) => number): Uint8Array {
  const data = new Uint8Array(W * H);
  for (let i = 0; i < data.length; i++) data[i] = values(i);
  return encode({ width: W, height: H, data, channels: 1, depth: 8 });
}

let t: TestDatabase;
let store: BlobStore;
let ownerId: string;
let otherId: string;
let modelVersionId: string;
let datasetId: string;
const gtMasks = new Map<string, LabelMap>();

beforeEach(async () => {
  t = await createTestDatabase();
  store = createBlobStore(`${t.dir}/blobs`);
  const owner = await t.db.user.create({ data: { email: "o@x", name: "o", passwordHash: "x" } });
  const other = await t.db.user.create({ data: { email: "p@x", name: "p", passwordHash: "x" } });
  ownerId = owner.id;
  otherId = other.id;
  const app = await t.db.app.create({ data: { ownerId, name: "app" } });
  const otherApp = await t.db.app.create({ data: { ownerId, name: "other app" } });
  const model = await t.db.model.create({ data: { appId: app.id, name: "m" } });
  const mv = await t.db.modelVersion.create({ data: { modelId: model.id, number: 1, runnerKind: "predictions", runnerConfig: {}, classes: CLASSES } });
  modelVersionId = mv.id;
  const dataset = await t.db.dataset.create({ data: { appId: otherApp.id, name: "d" } });
  datasetId = dataset.id;
  const version = await t.db.datasetVersion.create({ data: { datasetId, number: 1, classes: CLASSES, ignoreIndex: 255, sampleCount: 4 } });
  gtMasks.clear();
  for (let k = 0; k < 4; k++) {
    const png = maskPng((i) => (i === 0 ? 255 : (i + k) % 3));
    const { sha256 } = await store.putBlob(png);
    const sample = await t.db.sample.create({
      data: { datasetId, name: `s${k}`, imageSha256: sha256, imageContentType: "image/png", maskSha256: sha256, width: W, height: H },
    });
    await t.db.datasetVersionSample.create({ data: { datasetVersionId: version.id, sampleId: sample.id, position: k } });
    await t.db.predictionMask.create({ data: { modelVersionId: mv.id, sampleName: `s${k}`, maskSha256: sha256 } });
    const { decodeLabelMap } = await import("@/lib/core/masks");
    gtMasks.set(`s${k}`, decodeLabelMap(png));
  }
});

afterEach(async () => {
  await t.cleanup();
});

function deps(workerId: string, runner: Runner): RunDeps {
  return {
    store: createEvaluationStore(t.db),
    workerId,
    readBlob: (sha) => store.readBlob(sha),
    storeBlob: async (bytes) => (await store.putBlob(bytes)).sha256,
    createRunner: () => runner,
  };
}

const echoRunner: Runner = { predict: async (s) => gtMasks.get(s.name)! };

async function createAndClaim(workerId: string, mvId = modelVersionId) {
  const { id } = await createEvaluation({ ownerId, input: { modelVersionId: mvId, datasetId, allowDuplicate: true } }, t.db);
  await startEvaluation({ ownerId, evaluationId: id }, t.db);
  expect(await claimNextEvaluation(t.db, workerId)).toBe(id);
  return id;
}

describe("runEvaluation", () => {
  it("gives IoU 1 for every class present when the runner echoes the ground truth", async () => {
    const id = await createAndClaim("w1");
    expect(await runEvaluation(id, deps("w1", echoRunner))).toBe("succeeded");
    const e = await t.db.evaluation.findUniqueOrThrow({ where: { id }, include: { classResults: { orderBy: { classIndex: "asc" } } } });
    expect(e.status).toBe("succeeded");
    expect(e.progressDone).toBe(4);
    expect(e.classResults.map((c) => c.iou)).toEqual([1, 1, 1]);
    expect((e.summary as { miou: number }).miou).toBe(1);
    expect((e.summary as { pixelAccuracy: number }).pixelAccuracy).toBe(1);
    // void pixel (index 0 of every image) is excluded: 4 images x 34 evaluated pixels
    expect((e.summary as { evaluatedPixels: number }).evaluatedPixels).toBe(4 * (W * H - 1));
    const stored = await t.db.evaluationSampleResult.findMany({ where: { evaluationId: id }, select: { predictionSha256: true } });
    expect(stored.every((r) => r.predictionSha256 && r.predictionSha256.length === 64)).toBe(true);
  });

  it("fails with the file named, keeps finished images, and resumes without counting any image twice", async () => {
    const id = await createAndClaim("w1");
    const flaky: Runner = {
      predict: async (s) => {
        if (s.name === "s2") throw new AppError("invalid_input", "s2: this model version has no uploaded prediction for the sample.");
        return gtMasks.get(s.name)!;
      },
    };
    expect(await runEvaluation(id, deps("w1", flaky))).toBe("failed");
    let e = await t.db.evaluation.findUniqueOrThrow({ where: { id } });
    expect(e.error).toContain("s2");
    expect(e.progressDone).toBe(2);
    expect(await t.db.evaluationSampleResult.count({ where: { evaluationId: id } })).toBe(2);

    await startEvaluation({ ownerId, evaluationId: id }, t.db);
    expect(await claimNextEvaluation(t.db, "w2")).toBe(id);
    expect(await runEvaluation(id, deps("w2", echoRunner))).toBe("succeeded");
    e = await t.db.evaluation.findUniqueOrThrow({ where: { id } });
    expect(e.progressDone).toBe(4);
    expect(e.attempts).toBe(2);
    expect(await t.db.evaluationSampleResult.count({ where: { evaluationId: id } })).toBe(4);
  });

  it("a stale worker cannot write after the run was taken over, and a crashed run is reclaimed", async () => {
    const id = await createAndClaim("w1");
    // w1 "crashes": its heartbeat is old, so w2 takes the run over.
    await t.db.evaluation.update({ where: { id }, data: { heartbeatAt: new Date(Date.now() - 10 * 60_000) } });
    expect(await claimNextEvaluation(t.db, "w2")).toBe(id);
    expect(await runEvaluation(id, deps("w1", echoRunner))).toBe("lost");
    expect(await t.db.evaluationSampleResult.count({ where: { evaluationId: id } })).toBe(0);
    expect(await runEvaluation(id, deps("w2", echoRunner))).toBe("succeeded");
  });

  it("keeps an already stored prediction's blob instead of encoding it again", async () => {
    const id = await createAndClaim("w1");
    const samples = await t.db.sample.findMany({ select: { name: true, maskSha256: true } });
    const shaOf = new Map(samples.map((s) => [s.name, s.maskSha256]));
    const stored: Runner = { predict: async (s) => ({ ...gtMasks.get(s.name)!, storedSha256: shaOf.get(s.name) }) };
    expect(await runEvaluation(id, deps("w1", stored))).toBe("succeeded");
    const rows = await t.db.evaluationSampleResult.findMany({ where: { evaluationId: id }, select: { predictionSha256: true, sample: { select: { maskSha256: true } } } });
    expect(rows.map((r) => r.predictionSha256)).toEqual(rows.map((r) => r.sample.maskSha256));
  });

  it("stops when cancelled", async () => {
    const id = await createAndClaim("w1");
    const cancelling: Runner = {
      predict: async (s) => {
        if (s.name === "s1") await t.db.evaluation.update({ where: { id }, data: { status: "cancelled" } });
        return gtMasks.get(s.name)!;
      },
    };
    expect(await runEvaluation(id, deps("w1", cancelling))).toBe("cancelled");
    // Images in flight when the cancel lands are not written (s0 may or may not have been).
    expect(await t.db.evaluationSampleResult.count({ where: { evaluationId: id } })).toBeLessThanOrEqual(1);
  });

  it("refuses other owners' ids as not found", async () => {
    await expect(createEvaluation({ ownerId: otherId, input: { modelVersionId, datasetId } }, t.db)).rejects.toMatchObject({ code: "not_found" });
    const { id } = await createEvaluation({ ownerId, input: { modelVersionId, datasetId } }, t.db);
    await expect(startEvaluation({ ownerId: otherId, evaluationId: id }, t.db)).rejects.toMatchObject({ code: "not_found" });
  });

  it("offers the existing evaluation of the same pair instead of a silent duplicate, and runs again when asked", async () => {
    const first = await createEvaluation({ ownerId, input: { modelVersionId, datasetId, allowDuplicate: true } }, t.db);
    const again = await createEvaluation({ ownerId, input: { modelVersionId, datasetId } }, t.db);
    expect(again.existing).not.toBeNull();
    const count = await t.db.evaluation.count({ where: { ownerId, modelVersionId } });
    const forced = await createEvaluation({ ownerId, input: { modelVersionId, datasetId, allowDuplicate: true } }, t.db);
    expect(forced.existing).toBeNull();
    expect(forced.id).not.toBe(first.id);
    expect(await t.db.evaluation.count({ where: { ownerId, modelVersionId } })).toBe(count + 1);
  });

  it("shows results by tag for the tags the images carry now, also after a tag edit", async () => {
    const night = await t.db.sample.findFirstOrThrow({ where: { name: "s1" } });
    await t.db.sampleTag.create({ data: { sampleId: night.id, tag: "night" } });
    const id = await createAndClaim("w1");
    const worse: Runner = { predict: async (s) => ({ ...gtMasks.get(s.name)!, data: gtMasks.get(s.name)!.data.map((v, i) => (s.name === "s2" && i % 2 ? (v + 1) % 3 : v)) }) };
    expect(await runEvaluation(id, deps("w1", worse))).toBe("succeeded");
    const summary = evaluationSummarySchema.parse((await t.db.evaluation.findUniqueOrThrow({ where: { id } })).summary);
    const current = () => currentResultsByTag({ ownerId, evaluationId: id }, t.db);
    expect(summary.byTagKey).toMatch(/^[0-9a-f]{64}$/);
    // The stored rows themselves (from the cached index's summary), not a recomputation.
    expect(await current()).toBe((await loadImageIndex({ ownerId, evaluationId: id }, t.db)).summary?.byTag);
    expect((await loadImageIndex({ ownerId, evaluationId: id }, t.db)).summary?.byTag).toEqual(summary.byTag);
    expect(summary.byTag?.map((r) => [r.tag, r.images])).toEqual([["night", 1], [null, 3]]);

    expect((await loadImageIndex({ ownerId, evaluationId: id }, t.db)).tags).toEqual(["night"]);

    // s2 (the imperfect image) gets the tag too: the stored rows are stale, the page's are recomputed from the per-image matrices.
    const s2 = await t.db.sample.findFirstOrThrow({ where: { name: "s2" } });
    await updateSampleTags({ ownerId, datasetId, sampleIds: [s2.id], add: ["night", "rain"], remove: [] }, t.db);
    const edited = await current();
    // The image index (per-image filter, confusion lists) is rebuilt with the new tags too, not served from its cache.
    const index = await loadImageIndex({ ownerId, evaluationId: id }, t.db);
    expect(index.tags).toEqual(["night", "rain"]);
    expect(index.images.filter((i) => i.tags.includes("night")).map((i) => i.name).sort()).toEqual(["s1", "s2"]);
    expect(edited.map((r) => [r.tag, r.images])).toEqual([["night", 2], ["rain", 1], [null, 2]]);
    expect(edited[0].miou).toBeLessThan(1);
    expect(edited[2].miou).toBe(1);
    expect(await current()).toBe(edited);
    await expect(currentResultsByTag({ ownerId: otherId, evaluationId: id }, t.db)).rejects.toMatchObject({ code: "not_found" });

    // An edit made through another copy of the module (Next bundles route handlers apart from pages and actions; the
    // admin CLI is another process) reaches the index too: the key is the dataset's tagsVersion, not a module counter.
    vi.resetModules();
    const { updateSampleTags: fromAnotherBundle } = await import("@/lib/server/db/sample-tags");
    const s3 = await t.db.sample.findFirstOrThrow({ where: { name: "s3" } });
    await fromAnotherBundle({ ownerId, datasetId, sampleIds: [s3.id], add: ["dusk"], remove: [] }, t.db);
    expect((await loadImageIndex({ ownerId, evaluationId: id }, t.db)).tags).toEqual(["dusk", "night", "rain"]);
  });

  it("compares with another version on the same dataset by a paired bootstrap over shared images", async () => {
    const model = await t.db.modelVersion.findUniqueOrThrow({ where: { id: modelVersionId }, select: { modelId: true } });
    const mv2 = await t.db.modelVersion.create({ data: { modelId: model.modelId, number: 2, runnerKind: "predictions", runnerConfig: {}, classes: CLASSES } });
    await t.db.predictionMask.createMany({ data: (await t.db.predictionMask.findMany({ where: { modelVersionId } })).map((p) => ({ modelVersionId: mv2.id, sampleName: p.sampleName, maskSha256: p.maskSha256 })) });
    const good = await createAndClaim("w1");
    expect(await runEvaluation(good, deps("w1", echoRunner))).toBe("succeeded");
    const worse: Runner = {
      predict: async (s) => {
        const gt = gtMasks.get(s.name)!;
        // Images differ in how much is wrong (every 2nd pixel of s0 ... every 5th of s3), so resamples differ.
        const period = 2 + Number(s.name.replace(/\D/g, ""));
        const data = Uint8Array.from(gt.data, (v, i) => (i % period === 0 ? (v + 1) % 3 : v));
        return { width: gt.width, height: gt.height, data };
      },
    };
    const bad = await createAndClaim("w2", mv2.id);
    expect(await runEvaluation(bad, deps("w2", worse))).toBe("succeeded");
    const fromGood = await compareEvaluation({ ownerId, evaluationId: good }, t.db);
    expect(fromGood.versions).toHaveLength(1);
    const c = fromGood.versions[0];
    expect(c.modelVersion).toBe(2);
    expect(c.pairedImages).toBe(4);
    expect(c.diff).toBeGreaterThan(0);
    expect(c.diff).toBeCloseTo(1 - (c.miou ?? NaN), 12);
    expect(c.low).toBeLessThanOrEqual(c.diff);
    expect(c.high).toBeGreaterThanOrEqual(c.diff);
    expect(fromGood.datasets).toEqual([]);
    // Seen from the other page, the same pair mirrors exactly, even when the two runs stored their rows in other orders.
    const rows = await t.db.evaluationSampleResult.findMany({ where: { evaluationId: bad } });
    await t.db.evaluationSampleResult.deleteMany({ where: { evaluationId: bad } });
    await t.db.evaluationSampleResult.createMany({ data: rows.reverse().map((r) => ({ ...r, confusion: r.confusion as object, boundary: r.boundary as object })) });
    const mirrored = (await compareEvaluation({ ownerId, evaluationId: bad }, t.db)).versions[0];
    expect([mirrored.diff, mirrored.low, mirrored.high]).toEqual([-c.diff, -c.high, -c.low].map((x) => expect.closeTo(x, 12)));
    for (const [k, cls] of (c.perClass ?? []).entries()) {
      const back = mirrored.perClass![k];
      expect([back.mine, back.theirs]).toEqual([cls.theirs, cls.mine]);
      if (cls.delta === null || cls.low === null || cls.high === null) expect([back.delta, back.low, back.high]).toEqual([cls.delta, cls.high, cls.low]);
      else expect([back.delta, back.low, back.high]).toEqual([-cls.delta, -cls.high, -cls.low].map((x) => expect.closeTo(x, 12)));
    }
    // A second look is served from the per-pair cache: the same numbers, even if the stored rows were gone.
    await t.db.evaluationSampleResult.deleteMany({ where: { evaluationId: bad } });
    expect(await compareEvaluation({ ownerId, evaluationId: good }, t.db)).toEqual(fromGood);
    expect(fromGood.editedMapping).toEqual({ self: false, leftOut: 0 });
    // Another owner sees nothing.
    expect(await compareEvaluation({ ownerId: otherId, evaluationId: good }, t.db)).toEqual({ versions: [], datasets: [] });

    // A later run of v2 whose class mapping was edited (class b not evaluated) is not compared: it is left out and counted.
    const { id: edited } = await createEvaluation({ ownerId, input: { modelVersionId: mv2.id, datasetId, allowDuplicate: true } }, t.db);
    const row = await t.db.evaluation.findUniqueOrThrow({ where: { id: edited }, select: { settings: true } });
    await t.db.evaluation.update({ where: { id: edited }, data: { settings: { ...(row.settings as object), classMapping: { "0": 0, "1": 1, "2": -1 } } } });
    await startEvaluation({ ownerId, evaluationId: edited }, t.db);
    expect(await claimNextEvaluation(t.db, "w3")).toBe(edited);
    expect(await runEvaluation(edited, deps("w3", worse))).toBe("succeeded");
    const fresh = await compareEvaluation({ ownerId, evaluationId: good }, t.db);
    expect(fresh.versions.map((v) => v.evaluationId)).toEqual([bad]);
    expect(fresh.editedMapping).toEqual({ self: false, leftOut: 1 });
    // An edited re-run of this very pair would never be listed, so it is not counted as left out either.
    const { id: rerun } = await createEvaluation({ ownerId, input: { modelVersionId, datasetId, allowDuplicate: true } }, t.db);
    const rerunRow = await t.db.evaluation.findUniqueOrThrow({ where: { id: rerun }, select: { settings: true } });
    await t.db.evaluation.update({ where: { id: rerun }, data: { settings: { ...(rerunRow.settings as object), classMapping: { "0": 0, "1": 1, "2": -1 } } } });
    await startEvaluation({ ownerId, evaluationId: rerun }, t.db);
    expect(await claimNextEvaluation(t.db, "w4")).toBe(rerun);
    expect(await runEvaluation(rerun, deps("w4", echoRunner))).toBe("succeeded");
    expect((await compareEvaluation({ ownerId, evaluationId: good }, t.db)).editedMapping).toEqual({ self: false, leftOut: 1 });
    expect(await compareEvaluation({ ownerId, evaluationId: edited }, t.db)).toEqual({ versions: [], datasets: [], editedMapping: { self: true, leftOut: 0 } });
    // The model page's recent evaluations mark it too.
    const recent = await listModelEvaluations({ ownerId, modelId: model.modelId }, t.db);
    expect(Object.fromEntries(recent.map((r) => [r.id, r.customMapping]))).toEqual({ [good]: false, [bad]: false, [edited]: true, [rerun]: true });
  });
});
