import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { recordImageResults, type ImageResultRow } from "./evaluation-transitions";
import { Prisma } from "./generated/client";

let t: TestDatabase;
let evaluationId: string;
let sampleIds: string[];

beforeEach(async () => {
  t = await createTestDatabase();
  const user = await t.db.user.create({ data: { email: "o@x", name: "o", passwordHash: "x" } });
  const app = await t.db.app.create({ data: { ownerId: user.id, name: "app" } });
  const model = await t.db.model.create({ data: { appId: app.id, name: "m" } });
  const mv = await t.db.modelVersion.create({ data: { modelId: model.id, number: 1, runnerKind: "predictions", runnerConfig: {}, classes: [] } });
  const dataset = await t.db.dataset.create({ data: { appId: app.id, name: "d" } });
  const version = await t.db.datasetVersion.create({ data: { datasetId: dataset.id, number: 1, classes: [], sampleCount: 0 } });
  await t.db.sample.createMany({
    data: Array.from({ length: 1203 }, (_, k) => ({ datasetId: dataset.id, name: `s${k}`, imageSha256: "a".repeat(64), imageContentType: "image/png", maskSha256: "b".repeat(64), width: 4, height: 3 })),
  });
  sampleIds = (await t.db.sample.findMany({ orderBy: { name: "asc" }, select: { id: true } })).map((s) => s.id);
  const evaluation = await t.db.evaluation.create({
    data: { ownerId: user.id, modelVersionId: mv.id, datasetVersionId: version.id, settings: {}, status: "running", workerId: "w1", progressTotal: sampleIds.length },
  });
  evaluationId = evaluation.id;
});

afterEach(async () => {
  await t.cleanup();
});

const full = (sampleId: string, k = 0): ImageResultRow => ({
  sampleId,
  confusion: [[0, 0, 10 + k], [1, 2, 3], [2, 1, 0.5]],
  boundary: { intersection: [1, 0, 2.5], union: [3, 0, 4] },
  miou: 0.123456789012345,
  pixelAccuracy: 1,
  evaluatedPixels: 12,
  predictionSha256: "c".repeat(64),
  durationMs: 41,
});

describe("recordImageResults", () => {
  it("stores rows that read back through Prisma exactly as written, nulls included, and counts them", async () => {
    const empty: ImageResultRow = { sampleId: sampleIds[1], confusion: [], boundary: null, miou: null, pixelAccuracy: null, evaluatedPixels: 0, predictionSha256: null, durationMs: 0 };
    expect(await recordImageResults({ evaluationId, workerId: "w1", results: [full(sampleIds[0]), empty] }, t.db)).toBe(true);
    const rows = await t.db.evaluationSampleResult.findMany({ where: { evaluationId }, orderBy: { sampleId: "asc" } });
    const byId = new Map(rows.map((r) => [r.sampleId, r]));
    const a = byId.get(sampleIds[0])!;
    expect({ ...a, createdAt: undefined }).toEqual({ ...full(sampleIds[0]), evaluationId, createdAt: undefined });
    const b = byId.get(sampleIds[1])!;
    expect({ ...b, createdAt: undefined }).toEqual({ ...empty, evaluationId, createdAt: undefined });
    // SQL NULLs, as Prisma writes a missing value.
    expect(await t.db.evaluationSampleResult.count({ where: { evaluationId, miou: null } })).toBe(1);
    expect(await t.db.evaluationSampleResult.count({ where: { evaluationId, boundary: { equals: Prisma.DbNull } } })).toBe(1);
    const evaluation = await t.db.evaluation.findUniqueOrThrow({ where: { id: evaluationId } });
    expect(evaluation.progressDone).toBe(2);
    expect(a.createdAt).toBeInstanceOf(Date);
    expect(a.createdAt.getTime()).toBe(evaluation.heartbeatAt!.getTime());
    // Ordered by creation time alongside a row Prisma wrote itself.
    await t.db.evaluationSampleResult.create({ data: { ...full(sampleIds[2]), boundary: { intersection: [1], union: [2] }, evaluationId, createdAt: new Date(a.createdAt.getTime() - 1000) } });
    const ordered = await t.db.evaluationSampleResult.findMany({ where: { evaluationId }, orderBy: [{ createdAt: "asc" }, { sampleId: "asc" }], select: { sampleId: true } });
    expect(ordered[0].sampleId).toBe(sampleIds[2]);
  });

  it("writes nothing and counts nothing for a worker that no longer owns the run", async () => {
    expect(await recordImageResults({ evaluationId, workerId: "w2", results: [full(sampleIds[0])] }, t.db)).toBe(false);
    expect(await t.db.evaluationSampleResult.count()).toBe(0);
    expect((await t.db.evaluation.findUniqueOrThrow({ where: { id: evaluationId } })).progressDone).toBe(0);
  });

  it("a batch is stored whole or not at all: a duplicate image rolls back the batch and its count", async () => {
    expect(await recordImageResults({ evaluationId, workerId: "w1", results: [full(sampleIds[0])] }, t.db)).toBe(true);
    await expect(recordImageResults({ evaluationId, workerId: "w1", results: [full(sampleIds[1]), full(sampleIds[0])] }, t.db)).rejects.toThrow();
    expect(await t.db.evaluationSampleResult.count()).toBe(1);
    expect((await t.db.evaluation.findUniqueOrThrow({ where: { id: evaluationId } })).progressDone).toBe(1);
  });

  it("more rows than one INSERT takes", async () => {
    expect(await recordImageResults({ evaluationId, workerId: "w1", results: sampleIds.map((id, k) => full(id, k)) }, t.db)).toBe(true);
    const rows = await t.db.evaluationSampleResult.findMany({ where: { evaluationId }, select: { sampleId: true, confusion: true } });
    expect(rows).toHaveLength(1203);
    const index = new Map(sampleIds.map((id, k) => [id, k]));
    for (const r of rows) expect((r.confusion as number[][])[0][2]).toBe(10 + index.get(r.sampleId)!);
    expect((await t.db.evaluation.findUniqueOrThrow({ where: { id: evaluationId } })).progressDone).toBe(1203);
  });
});
