/**
 * The REST API's dataset endpoints on a test database: create a dataset,
 * upload a version as multipart, 422 with the problems per file, 404 for
 * other users' ids. The signed-in user is stubbed (the route wrapper's).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { writeZip } from "@/lib/core/import/zip-writer";
import { createTestDatabase } from "@/lib/server/db/test-database";
import { maskPng, rgbPng } from "@/lib/server/datasets/import/test-fixtures";

const testDb = await createTestDatabase("intersect-rest-datasets-");
vi.stubEnv("DATA_DIR", testDb.dir);
vi.stubEnv("DATABASE_URL", testDb.url);
let current: { id: string; email: string; name: string | null } | null = null;
vi.mock("@/lib/server/auth/guard", () => ({
  requireUser: async () => {
    if (!current) throw new (await import("@/lib/core/errors")).AppError("unauthenticated");
    return current;
  },
}));

const { getPrisma } = await import("@/lib/server/db/client");
const datasetsRoute = await import("../apps/[appId]/datasets/route");
const versionsRoute = await import("./[datasetId]/versions/route");
const samplesRoute = await import("./[datasetId]/versions/[number]/samples/route");

const db = getPrisma();
let ann: { id: string; email: string; name: string };
let bob: { id: string; email: string; name: string };
let appId: string;

beforeAll(async () => {
  ann = await db.user.create({ data: { email: "ann@example.com", name: "Ann", passwordHash: "x" }, select: { id: true, email: true, name: true } });
  bob = await db.user.create({ data: { email: "bob@example.com", name: "Bob", passwordHash: "x" }, select: { id: true, email: true, name: true } });
  appId = (await db.app.create({ data: { ownerId: ann.id, name: "Street" }, select: { id: true } })).id;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await testDb.cleanup();
});

const enc = new TextEncoder();
const ctx = <P,>(params: P) => ({ params: Promise.resolve(params) });
const json = (body: unknown) => new Request("http://localhost/x", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

function archiveForm(entries: { name: string; data: Uint8Array }[], fields: Record<string, string> = {}): Request {
  const form = new FormData();
  form.set("archive", new Blob([new Uint8Array(writeZip(entries))]), "data.zip");
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return new Request("http://localhost/x", { method: "POST", body: form });
}

const good = [
  { name: "classes.json", data: enc.encode('["bg","road"]') },
  { name: "images/a.png", data: rgbPng(8, 6, 1) },
  { name: "masks/a.png", data: maskPng(8, 6, [0, 1]) },
  { name: "images/b.png", data: rgbPng(8, 6, 2) },
  { name: "masks/b.png", data: maskPng(8, 6, [1, 0, 255]) },
];

describe("REST v1 datasets", () => {
  let datasetId: string;

  it("creates a dataset (201 {id}), lists it, refuses a taken name (409)", async () => {
    current = ann;
    const res = await datasetsRoute.POST(json({ name: "roads" }), ctx({ appId }));
    expect(res.status).toBe(201);
    datasetId = ((await res.json()) as { id: string }).id;
    const list = (await (await datasetsRoute.GET(new Request("http://localhost/x"), ctx({ appId }))).json()) as { datasets: { id: string }[] };
    expect(list.datasets.map((d) => d.id)).toEqual([datasetId]);
    expect((await datasetsRoute.POST(json({ name: "roads" }), ctx({ appId }))).status).toBe(409);
    expect((await datasetsRoute.POST(json({}), ctx({ appId }))).status).toBe(422);
  });

  it("uploads a version as multipart: 201 {id, number, samples}; GET keeps its shape", async () => {
    current = ann;
    const res = await versionsRoute.POST(archiveForm(good, { mapping: '{"255":"void"}', tags: '{"a":["night"]}', note: "first" }), ctx({ datasetId }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ number: 1, samples: 2 });
    const list = (await (await versionsRoute.GET(new Request("http://localhost/x"), ctx({ datasetId }))).json()) as { versions: object[] };
    expect(list.versions[0]).toMatchObject({ number: 1, sampleCount: 2, note: "first" });
  });

  it("answers 422 with the problems, each naming its file, and writes nothing", async () => {
    current = ann;
    const before = await db.datasetVersion.count();
    const bad = [...good.slice(0, 3), { name: "images/c.png", data: rgbPng(8, 6, 3) }, { name: "masks/c.png", data: maskPng(7, 6, [0]) }, { name: "masks/d.png", data: maskPng(8, 6, [0]) }];
    const res = await versionsRoute.POST(archiveForm(bad), ctx({ datasetId }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string }; problems: { file?: string; problem: string }[] };
    expect(body.error.code).toBe("invalid_input");
    expect(body.problems.map((p) => p.file).sort()).toEqual(["masks/c.png", "masks/d.png"]);
    expect(await db.datasetVersion.count()).toBe(before);
    const badMapping = await versionsRoute.POST(archiveForm(good, { mapping: '{"3":"nonsense"}' }), ctx({ datasetId }));
    expect(badMapping.status).toBe(422);
    expect(((await badMapping.json()) as { error: { message: string } }).error.message).toBe('mapping: 3: a mask value maps to a class index (0–65535) or "void".');
    const notZip = new FormData();
    notZip.set("archive", new Blob([enc.encode("hello")]), "x.zip");
    const res2 = await versionsRoute.POST(new Request("http://localhost/x", { method: "POST", body: notZip }), ctx({ datasetId }));
    expect(res2.status).toBe(422);
    const body2 = (await res2.json()) as { problems: { file?: string; problem: string }[] };
    expect(body2.problems).toEqual([{ file: "x.zip", problem: expect.stringMatching(/^not a \.zip, \.tar or \.tar\.gz archive/) }]);
  });

  it("lists a version's samples filtered by part of the name (case-insensitive); an empty filter is no filter", async () => {
    current = ann;
    const names = async (query: string) => {
      const res = await samplesRoute.GET(new Request(`http://localhost/x?${query}`), ctx({ datasetId, number: "1" }));
      expect(res.status).toBe(200);
      const page = (await res.json()) as { total: number; samples: { name: string }[] };
      return { total: page.total, names: page.samples.map((x) => x.name) };
    };
    expect(await names("name=B")).toEqual({ total: 1, names: ["b"] });
    expect(await names("name=")).toEqual({ total: 2, names: ["a", "b"] });
    expect(await names("name=%25")).toEqual({ total: 0, names: [] }); // "%" is text, not a LIKE wildcard
    current = bob;
    expect((await samplesRoute.GET(new Request("http://localhost/x?name=a"), ctx({ datasetId, number: "1" }))).status).toBe(404);
  });

  it("answers 404 for another user's app and dataset ids, and writes nothing", async () => {
    current = bob;
    const before = { datasets: await db.dataset.count(), versions: await db.datasetVersion.count() };
    expect((await datasetsRoute.GET(new Request("http://localhost/x"), ctx({ appId }))).status).toBe(404);
    expect((await datasetsRoute.POST(json({ name: "mine" }), ctx({ appId }))).status).toBe(404);
    expect((await versionsRoute.GET(new Request("http://localhost/x"), ctx({ datasetId }))).status).toBe(404);
    expect((await versionsRoute.POST(archiveForm(good), ctx({ datasetId }))).status).toBe(404);
    expect((await versionsRoute.POST(archiveForm(good), ctx({ datasetId: "nonexistent" }))).status).toBe(404);
    expect({ datasets: await db.dataset.count(), versions: await db.datasetVersion.count() }).toEqual(before);
  });
});
