import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./test-database";
import type { Db } from "./client";
import { AppError } from "@/lib/core/errors";
import {
  findOwnedApp,
  findOwnedDataset,
  findOwnedDatasetVersion,
  findOwnedEvaluation,
  findOwnedModel,
  findOwnedModelVersion,
} from "./owned";

let t: TestDatabase;

/** One user's complete little world: app, dataset + version, model + version, evaluation. */
async function seedWorld(db: Db, email: string) {
  const user = await db.user.create({ data: { email, name: email, passwordHash: "x" } });
  const app = await db.app.create({ data: { ownerId: user.id, name: "Roads" } });
  const dataset = await db.dataset.create({ data: { appId: app.id, name: "CamVid" } });
  const datasetVersion = await db.datasetVersion.create({ data: { datasetId: dataset.id, number: 1, classes: [], sampleCount: 0 } });
  const model = await db.model.create({ data: { appId: app.id, name: "segnet" } });
  const modelVersion = await db.modelVersion.create({
    data: { modelId: model.id, number: 1, runnerKind: "predictions", runnerConfig: {}, classes: [] },
  });
  const evaluation = await db.evaluation.create({
    data: { ownerId: user.id, modelVersionId: modelVersion.id, datasetVersionId: datasetVersion.id, settings: {} },
  });
  return { user, app, dataset, datasetVersion, model, modelVersion, evaluation };
}

let a: Awaited<ReturnType<typeof seedWorld>>;
let b: Awaited<ReturnType<typeof seedWorld>>;

beforeAll(async () => {
  t = await createTestDatabase("intersect-ownership-");
  a = await seedWorld(t.db, "a@example.test");
  b = await seedWorld(t.db, "b@example.test");
});
afterAll(async () => {
  await t?.cleanup();
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof AppError ? error.code : undefined;
}

type World = typeof a;
const guards: { name: string; check: (ownerId: string, world: World | string, db: Db) => Promise<unknown> }[] = [
  { name: "app", check: (ownerId, w, db) => findOwnedApp({ ownerId, appId: typeof w === "string" ? w : w.app.id }, db) },
  { name: "dataset", check: (ownerId, w, db) => findOwnedDataset({ ownerId, datasetId: typeof w === "string" ? w : w.dataset.id }, db) },
  {
    name: "dataset version",
    check: (ownerId, w, db) => findOwnedDatasetVersion({ ownerId, datasetVersionId: typeof w === "string" ? w : w.datasetVersion.id }, db),
  },
  { name: "model", check: (ownerId, w, db) => findOwnedModel({ ownerId, modelId: typeof w === "string" ? w : w.model.id }, db) },
  {
    name: "model version",
    check: (ownerId, w, db) => findOwnedModelVersion({ ownerId, modelVersionId: typeof w === "string" ? w : w.modelVersion.id }, db),
  },
  {
    name: "evaluation",
    check: (ownerId, w, db) => findOwnedEvaluation({ ownerId, evaluationId: typeof w === "string" ? w : w.evaluation.id }, db),
  },
];

describe("owner-scoped lookups", () => {
  for (const guard of guards) {
    it(`${guard.name}: the owner passes; another user's, a missing and an empty id are all not_found`, async () => {
      await expect(guard.check(a.user.id, a, t.db)).resolves.toBeTruthy();
      await expect(guard.check(b.user.id, b, t.db)).resolves.toBeTruthy();
      expect(await codeOf(guard.check(a.user.id, b, t.db))).toBe("not_found");
      expect(await codeOf(guard.check(b.user.id, a, t.db))).toBe("not_found");
      expect(await codeOf(guard.check(a.user.id, "cl_missing_id_000000000", t.db))).toBe("not_found");
      expect(await codeOf(guard.check(a.user.id, "", t.db))).toBe("not_found");
    });
  }

  it("returns the minimal fields of the row", async () => {
    expect(await findOwnedApp({ ownerId: a.user.id, appId: a.app.id }, t.db)).toEqual({ id: a.app.id, name: "Roads" });
    expect(await findOwnedDataset({ ownerId: a.user.id, datasetId: a.dataset.id }, t.db)).toEqual({
      id: a.dataset.id,
      appId: a.app.id,
      name: "CamVid",
    });
    expect(await findOwnedDatasetVersion({ ownerId: a.user.id, datasetVersionId: a.datasetVersion.id }, t.db)).toEqual({
      id: a.datasetVersion.id,
      datasetId: a.dataset.id,
      appId: a.app.id,
      number: 1,
    });
    expect(await findOwnedModel({ ownerId: a.user.id, modelId: a.model.id }, t.db)).toEqual({ id: a.model.id, appId: a.app.id, name: "segnet" });
    expect(await findOwnedModelVersion({ ownerId: a.user.id, modelVersionId: a.modelVersion.id }, t.db)).toEqual({
      id: a.modelVersion.id,
      modelId: a.model.id,
      appId: a.app.id,
      number: 1,
      runnerKind: "predictions",
    });
    expect(await findOwnedEvaluation({ ownerId: a.user.id, evaluationId: a.evaluation.id }, t.db)).toEqual({
      id: a.evaluation.id,
      status: "created",
      modelVersionId: a.modelVersion.id,
      datasetVersionId: a.datasetVersion.id,
    });
  });

  it("uses the same message for another user's id and a missing id", async () => {
    const messageOf = (p: Promise<unknown>) => p.then(() => "", (e: Error) => e.message);
    const other = await messageOf(findOwnedApp({ ownerId: a.user.id, appId: b.app.id }, t.db));
    const missing = await messageOf(findOwnedApp({ ownerId: a.user.id, appId: "nope" }, t.db));
    expect(other).toBe(missing);
  });
});
