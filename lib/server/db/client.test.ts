import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./test-database";
import { parseEnv } from "../env";
import { sqliteFilePath } from "@/prisma/sqlite";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase("intersect-client-");
});
afterAll(async () => {
  await t?.cleanup();
});

async function pragma(name: string): Promise<unknown> {
  const rows = await t.db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return Object.values(rows[0])[0];
}

describe("createPrisma", () => {
  it("runs every connection in WAL mode with a busy timeout and foreign keys on", async () => {
    expect(await pragma("journal_mode")).toBe("wal");
    expect(Number(await pragma("busy_timeout"))).toBe(5000);
    expect(Number(await pragma("foreign_keys"))).toBe(1);
  });

  it("round-trips Json columns and nullable floats, and cascades deletes", async () => {
    const user = await t.db.user.create({ data: { email: "a@x.test", name: "A", passwordHash: "x" } });
    const app = await t.db.app.create({ data: { ownerId: user.id, name: "Roads" } });
    const dataset = await t.db.dataset.create({ data: { appId: app.id, name: "CamVid" } });
    const classes = [
      { index: 0, name: "sky", color: [128, 128, 128] },
      { index: 1, name: "road", color: [128, 64, 128] },
    ];
    const version = await t.db.datasetVersion.create({
      data: { datasetId: dataset.id, number: 1, classes, ignoreIndex: 255, sampleCount: 0 },
    });
    expect((await t.db.datasetVersion.findUniqueOrThrow({ where: { id: version.id } })).classes).toEqual(classes);

    const model = await t.db.model.create({ data: { appId: app.id, name: "segnet" } });
    const modelVersion = await t.db.modelVersion.create({
      data: { modelId: model.id, number: 1, runnerKind: "predictions", runnerConfig: {}, classes, trainingDatasetVersionId: version.id },
    });
    const evaluation = await t.db.evaluation.create({
      data: { ownerId: user.id, modelVersionId: modelVersion.id, datasetVersionId: version.id, settings: { ignoreIndex: 255, iouThreshold: 0.5 } },
    });
    expect(evaluation.status).toBe("created");
    const big = 2 ** 40 + 3;
    await t.db.evaluationClassResult.create({
      data: { evaluationId: evaluation.id, classIndex: 1, name: "road", iou: null, dice: 0.25, tp: big, fp: 0, fn: 1, gtPixels: big + 1, predPixels: big, imagesPresent: 2 },
    });
    const result = await t.db.evaluationClassResult.findUniqueOrThrow({
      where: { evaluationId_classIndex: { evaluationId: evaluation.id, classIndex: 1 } },
    });
    expect(result.iou).toBeNull();
    expect(result.tp).toBe(big);
    expect(result.gtPixels).toBe(big + 1);

    await t.db.user.delete({ where: { id: user.id } });
    expect(await t.db.evaluationClassResult.count()).toBe(0);
    expect(await t.db.datasetVersion.count()).toBe(0);
    expect(await t.db.modelVersion.count()).toBe(0);
  });
});

describe("sqliteFilePath and parseEnv", () => {
  it("resolves file URLs and knows in-memory databases", () => {
    expect(sqliteFilePath("file:/tmp/x/intersect.db")).toBe("/tmp/x/intersect.db");
    expect(sqliteFilePath("file:./data/a.db")).toBe(path.resolve("data/a.db"));
    expect(sqliteFilePath(":memory:")).toBeNull();
  });

  it("defaults DATA_DIR, DATABASE_URL, PORT, SESSION_TTL_DAYS, PUBLIC_URL and TRUSTED_PROXY", () => {
    const env = parseEnv({}, "/srv/intersect");
    expect(env).toEqual({
      DATA_DIR: "/srv/intersect/data",
      DATABASE_URL: "file:/srv/intersect/data/intersect.db",
      PORT: 3000,
      SESSION_TTL_DAYS: 14,
      PUBLIC_URL: "http://localhost:3000",
      PUBLIC_URL_CONFIGURED: false,
      TRUSTED_PROXY: false,
    });
    const custom = parseEnv({ DATA_DIR: "/var/lib/x", PORT: "8080", SESSION_TTL_DAYS: "1", DATABASE_URL: "file:/db/y.db" }, "/");
    expect(custom).toMatchObject({ DATA_DIR: "/var/lib/x", DATABASE_URL: "file:/db/y.db", PORT: 8080, SESSION_TTL_DAYS: 1, PUBLIC_URL: "http://localhost:8080" });
    expect(parseEnv({ DATA_DIR: "" }, "/a").DATA_DIR).toBe("/a/data");
  });

  it("names the bad variable", () => {
    expect(() => parseEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL/);
  });
});
