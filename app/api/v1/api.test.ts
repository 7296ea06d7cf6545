/**
 * REST API v1 (DESIGN "REST API v1"), called through the route handlers with
 * Bearer tokens: every endpoint with a valid token, a revoked token, no token
 * and another user's ids (404, nothing created); the exports against the
 * page's numbers; and the README's CI recipe run end to end with a worker.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/lib/server/db/test-database";
import { ROOT } from "@/app/_isolation/discover";
import { createRouteFetch } from "@/app/_isolation/route-fetch";
import { diffSnapshots, findPair, openReadOnly, runWorkerUntilDone, snapshot } from "@/app/_isolation/world";
import { parseCsv } from "./csv-parse";

vi.mock("next/headers", async () => (await import("@/app/_isolation/request-state")).nextHeadersMock);

const A_EMAIL = "demo@intersect.local";
const B_EMAIL = "other@intersect.local";

const testDb = await createTestDatabase("intersect-api-");
vi.stubEnv("DATA_DIR", testDb.dir);
vi.stubEnv("DATABASE_URL", testDb.url);
const { fetch: routeFetch } = await createRouteFetch();

let sql: ReturnType<typeof openReadOnly>;
const tokens = { a: "", b: "", revoked: "" };
/** A's ids (the first of each kind) and B's pair. */
const ids = { app: "", model: "", modelVersion: "", modelVersion2: "", dataset: "", finished: "", draft: "", bModelVersion: "", bDataset: "", bFinished: "", trainingSet: "", onTraining: "" };

async function call(token: string | null, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return routeFetch(`http://127.0.0.1/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
const first = (query: string, ...args: unknown[]) => Object.values(sql.prepare(query).get(...args) as Record<string, string>)[0];

beforeAll(async () => {
  const { seedDemoWorkspace } = await import("@/lib/tools/demo/seed");
  const { createApiToken, revokeApiToken } = await import("@/lib/server/auth/api-tokens");
  await seedDemoWorkspace({ db: testDb.db, log: () => {} });
  sql = openReadOnly(testDb.url);
  const userA = first(`SELECT id FROM "User" WHERE email = ?`, A_EMAIL);
  const userB = first(`SELECT id FROM "User" WHERE email = ?`, B_EMAIL);
  tokens.a = (await createApiToken({ userId: userA, name: "a" }, testDb.db)).token;
  tokens.b = (await createApiToken({ userId: userB, name: "b" }, testDb.db)).token;
  const revoked = await createApiToken({ userId: userA, name: "revoked" }, testDb.db);
  await revokeApiToken({ ownerId: userA, tokenId: revoked.id }, testDb.db);
  tokens.revoked = revoked.token;

  const pairA = findPair(sql, A_EMAIL, "lesion-unet", "clinic-val");
  const pairB = findPair(sql, B_EMAIL, "picker-vision", "warehouse-private");
  Object.assign(ids, {
    modelVersion: pairA.modelVersionId,
    dataset: pairA.datasetId,
    model: first(`SELECT modelId FROM "ModelVersion" WHERE id = ?`, pairA.modelVersionId),
    app: first(`SELECT appId FROM "Dataset" WHERE id = ?`, pairA.datasetId),
    bModelVersion: pairB.modelVersionId,
    bDataset: pairB.datasetId,
  });
  ids.modelVersion2 = first(`SELECT id FROM "ModelVersion" WHERE modelId = ? AND number = 2`, ids.model);
  const create = async (token: string, pair: { modelVersionId: string; datasetId: string }, start: boolean) => {
    const res = await call(token, "POST", "/evaluations", pair);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    if (start) expect((await call(token, "POST", `/evaluations/${id}/start`)).status).toBe(202);
    return id;
  };
  ids.finished = await create(tokens.a, pairA, true);
  ids.bFinished = await create(tokens.b, pairB, true);
  ids.draft = await create(tokens.a, { modelVersionId: ids.modelVersion2, datasetId: ids.dataset }, false);
  // The lesion model on its own training set: every image leaks.
  ids.trainingSet = first(`SELECT d.id FROM "Dataset" d WHERE d.appId = ? AND d.name = 'lesion-train'`, ids.app);
  ids.onTraining = await create(tokens.a, { modelVersionId: ids.modelVersion, datasetId: ids.trainingSet }, true);
  await runWorkerUntilDone(sql, [ids.finished, ids.bFinished, ids.onTraining]);
}, 300_000);

afterAll(async () => {
  sql?.close();
  vi.unstubAllEnvs();
  await testDb.cleanup();
});

interface Row {
  method: string;
  path: () => string;
  body?: () => unknown;
  /** Status for A with A's ids. */
  ok: number;
  /** Paths (and bodies) naming one of A's ids, for B's token: 404 and nothing changes. */
  foreign?: { path: () => string; body?: () => unknown }[];
}

const ROWS: Row[] = [
  { method: "GET", path: () => "/apps", ok: 200 },
  { method: "GET", path: () => `/evaluations/${ids.finished}/leakage`, ok: 200, foreign: [{ path: () => `/evaluations/${ids.finished}/leakage` }] },
  { method: "POST", path: () => "/apps", body: () => ({ name: `api app ${Date.now()}` }), ok: 201 },
  { method: "GET", path: () => `/apps/${ids.app}/models`, ok: 200, foreign: [{ path: () => `/apps/${ids.app}/models` }] },
  { method: "POST", path: () => `/apps/${ids.app}/models`, body: () => ({ name: `api model ${Date.now()}` }), ok: 201, foreign: [{ path: () => `/apps/${ids.app}/models`, body: () => ({ name: "x" }) }] },
  { method: "GET", path: () => `/apps/${ids.app}/datasets`, ok: 200, foreign: [{ path: () => `/apps/${ids.app}/datasets` }] },
  { method: "POST", path: () => `/apps/${ids.app}/datasets`, body: () => ({ name: `api dataset ${Date.now()}` }), ok: 201, foreign: [{ path: () => `/apps/${ids.app}/datasets`, body: () => ({ name: "x" }) }] },
  { method: "GET", path: () => `/models/${ids.model}/versions`, ok: 200, foreign: [{ path: () => `/models/${ids.model}/versions` }] },
  { method: "POST", path: () => `/models/${ids.model}/versions`, ok: 422, foreign: [{ path: () => `/models/${ids.model}/versions` }] },
  { method: "GET", path: () => `/datasets/${ids.dataset}/versions`, ok: 200, foreign: [{ path: () => `/datasets/${ids.dataset}/versions` }] },
  { method: "POST", path: () => `/datasets/${ids.dataset}/versions`, ok: 422, foreign: [{ path: () => `/datasets/${ids.dataset}/versions` }] },
  {
    method: "POST",
    path: () => "/evaluations",
    body: () => ({ modelVersionId: ids.modelVersion, datasetId: ids.dataset }),
    ok: 201,
    foreign: [
      { path: () => "/evaluations", body: () => ({ modelVersionId: ids.modelVersion, datasetId: ids.dataset }) },
      { path: () => "/evaluations", body: () => ({ modelVersionId: ids.bModelVersion, datasetId: ids.dataset }) },
      { path: () => "/evaluations", body: () => ({ modelVersionId: ids.modelVersion, datasetId: ids.bDataset }) },
    ],
  },
  { method: "GET", path: () => `/evaluations/${ids.finished}`, ok: 200, foreign: [{ path: () => `/evaluations/${ids.finished}` }] },
  { method: "POST", path: () => `/evaluations/${ids.draft}/start`, ok: 202, foreign: [{ path: () => `/evaluations/${ids.draft}/start` }, { path: () => `/evaluations/${ids.finished}/start` }] },
  { method: "POST", path: () => `/evaluations/${ids.draft}/cancel`, ok: 202, foreign: [{ path: () => `/evaluations/${ids.draft}/cancel` }] },
  { method: "GET", path: () => `/evaluations/${ids.finished}/results`, ok: 200, foreign: [{ path: () => `/evaluations/${ids.finished}/results` }] },
  { method: "GET", path: () => `/evaluations/${ids.finished}/results.csv?level=class`, ok: 200, foreign: [{ path: () => `/evaluations/${ids.finished}/results.csv?level=image` }] },
];

/** Snapshot differences, leaving out the throttled lastUsedAt of the tokens used. */
const changes = (before: ReturnType<typeof snapshot>) => diffSnapshots(before, snapshot(sql, testDb.dir)).filter((p) => !/^ApiToken: row \S+ changed/.test(p));

describe("every endpoint: valid token, revoked token, no token, another user's ids", () => {
  for (const row of ROWS) {
    it(`${row.method} ${row.path.toString().replace(/^\(\) => /, "")}`, async () => {
      for (const token of [tokens.revoked, null, "isk_not-a-token", "not even the prefix"]) {
        const res = await call(token, row.method, row.path(), row.body?.());
        expect(res.status, `token ${token}`).toBe(401);
        expect(await res.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
      }
      const before = snapshot(sql, testDb.dir);
      for (const f of row.foreign ?? []) {
        const res = await call(tokens.b, row.method, f.path(), f.body?.());
        expect(res.status, `B on ${f.path()} ${JSON.stringify(f.body?.())}`).toBe(404);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
      }
      expect(changes(before)).toEqual([]);
      const res = await call(tokens.a, row.method, row.path(), row.body?.());
      expect(res.status, await res.clone().text()).toBe(row.ok);
    });
  }
});

describe("request bodies and answers", () => {
  it("refuses invalid bodies with 422 and problems, creating nothing", async () => {
    const before = snapshot(sql, testDb.dir);
    for (const [path, body] of [
      ["/apps", {}],
      ["/apps", { name: "" }],
      ["/evaluations", { modelVersionId: ids.modelVersion }],
      ["/evaluations", { modelVersionId: ids.modelVersion, datasetId: ids.dataset, settings: { iouThreshold: 2 } }],
      ["/evaluations", { modelVersionId: ids.modelVersion, datasetId: ids.dataset, datasetVersion: 99 }],
    ] as const) {
      const res = await call(tokens.a, "POST", path, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      const json = (await res.json()) as { error: { code: string }; problems: { problem: string }[] };
      expect(json.error.code).toBe("invalid_input");
      expect(json.problems.length).toBeGreaterThan(0);
      // Problems name the request's own fields.
      if ("datasetVersion" in body) expect(json.problems).toEqual([{ problem: "datasetVersion: No such version." }]);
    }
    expect(changes(before)).toEqual([]);
  });

  it("answers every malformed create body the same way: 422, problems naming the field or asking for JSON", async () => {
    for (const path of ["/apps", `/apps/${ids.app}/models`, `/apps/${ids.app}/datasets`]) {
      const notJson = await routeFetch(`http://127.0.0.1/api/v1${path}`, { method: "POST", headers: { authorization: `Bearer ${tokens.a}`, "content-type": "application/json" }, body: "nope" });
      expect(notJson.status, path).toBe(422);
      expect(((await notJson.json()) as { problems: { problem: string }[] }).problems, path).toEqual([{ problem: expect.stringMatching(/^The body is not valid JSON \(.+\)\.$/) }]);
      const empty = await routeFetch(`http://127.0.0.1/api/v1${path}`, { method: "POST", headers: { authorization: `Bearer ${tokens.a}` } });
      expect(((await empty.json()) as { problems: { problem: string }[] }).problems, path).toEqual([{ problem: "Send a JSON body (Content-Type: application/json)." }]);
      const nullName = await call(tokens.a, "POST", path, { name: null });
      expect(nullName.status, path).toBe(422);
      expect(((await nullName.json()) as { problems: { problem: string }[] }).problems[0].problem, path).toMatch(/^name: /);      // A misspelt key is refused by name, as on POST /evaluations, not dropped with its value.
      const typo = await call(tokens.a, "POST", path, { name: `typo ${Date.now()}`, descripton: "lost" });
      expect(typo.status, path).toBe(422);
      expect(JSON.stringify(await typo.json()), path).toContain("descripton");
    }
  });

  it("a re-run of the same pair is a new evaluation, with the settings asked for", async () => {
    const body = { modelVersionId: ids.modelVersion, datasetId: ids.dataset, datasetVersion: 1, settings: { iouThreshold: 0.7 } };
    const one = (await (await call(tokens.a, "POST", "/evaluations", body)).json()) as { id: string; url: string };
    const two = (await (await call(tokens.a, "POST", "/evaluations", body)).json()) as { id: string; url: string };
    expect(one.id).not.toBe(two.id);
    expect(one.url).toBe(`/evaluations/${one.id}`);
    expect(JSON.parse(first(`SELECT settings FROM "Evaluation" WHERE id = ?`, two.id)).iouThreshold).toBe(0.7);
  });

  it("refuses a misspelt key of POST /evaluations (it would evaluate another version than meant), creating nothing", async () => {
    const count = () => Number(first(`SELECT COUNT(*) AS n FROM "Evaluation"`));
    const before = count();
    for (const extra of [{ datasetVersionNumber: 1 }, { iouThreshold: 0.9 }]) {
      const res = await call(tokens.a, "POST", "/evaluations", { modelVersionId: ids.modelVersion, datasetId: ids.dataset, ...extra });
      expect(res.status).toBe(422);
      expect(JSON.stringify(await res.json())).toContain(Object.keys(extra)[0]);
    }
    expect(count()).toBe(before);
  });

  it("GET /evaluations/{id} gives status, progress, summary and error", async () => {
    const done = (await (await call(tokens.a, "GET", `/evaluations/${ids.finished}`)).json()) as Record<string, unknown>;
    expect(done).toMatchObject({ id: ids.finished, status: "succeeded", error: null, progress: { done: expect.any(Number), total: expect.any(Number) } });
    expect((done.summary as { miou: number }).miou).toBeGreaterThan(0);
    const draft = (await (await call(tokens.a, "GET", `/evaluations/${ids.draft}`)).json()) as Record<string, unknown>;
    expect(draft).toMatchObject({ summary: null, error: null });
  });

  it("without a token the route falls back to the session cookie: none here, so 401", async () => {
    const res = await call(null, "GET", "/apps");
    expect(res.status).toBe(401);
  });

  it("records lastUsedAt on use, at most once a minute", async () => {
    const used = first(`SELECT lastUsedAt FROM "ApiToken" WHERE name = 'a'`);
    expect(used).not.toBeNull();
    await call(tokens.a, "GET", "/apps");
    expect(first(`SELECT lastUsedAt FROM "ApiToken" WHERE name = 'a'`)).toBe(used);
  });
});

describe("exports match the page's numbers", () => {
  it("JSON has the CLI's schema and the stored per-class and summary figures", async () => {
    const { getEvaluationPage } = await import("@/lib/server/db/evaluations");
    const userA = first(`SELECT id FROM "User" WHERE email = ?`, A_EMAIL);
    const page = await getEvaluationPage({ ownerId: userA, evaluationId: ids.finished }, testDb.db);
    const report = (await (await call(tokens.a, "GET", `/evaluations/${ids.finished}/results?perImage=1`)).json()) as Record<string, never>;
    expect(Object.keys(report)).toEqual(["images", "numClasses", "ignoreIndex", "classes", "miou", "mdice", "pixelAccuracy", "perImageMiou", "confusion", "invalidPredictions", "contract", "perImage"]);
    expect(report.miou).toBeCloseTo(page.summary!.miou!, 12);
    expect(report.images).toBe(page.summary!.images);
    const classes = report.classes as { iou: number | null; boundaryIou: number | null; tp: number }[];
    page.classResults.forEach((c, k) => {
      expect(classes[k].tp).toBe(c.tp);
      if (c.iou === null) expect(classes[k].iou).toBeNull();
      else expect(classes[k].iou).toBeCloseTo(c.iou, 12);
      expect(classes[k].boundaryIou).toBe(c.boundaryIou);
    });

    const classCsv = parseCsv(await (await call(tokens.a, "GET", `/evaluations/${ids.finished}/results.csv?level=class`)).text());
    expect(classCsv[0]).toEqual(["index", "name", "iou", "dice", "precision", "recall", "boundaryIou", "tp", "fp", "fn"]);
    page.classResults.forEach((c, k) => {
      expect(classCsv[k + 1][1]).toBe(c.name);
      expect(classCsv[k + 1][2]).toBe(c.iou === null ? "" : String(classes[k].iou));
      expect(Number(classCsv[k + 1][7])).toBe(c.tp);
    });
    // An empty level is not given (the class CSV); a wrong one is named.
    expect(await (await call(tokens.a, "GET", `/evaluations/${ids.finished}/results.csv?level=`)).text()).toBe(
      await (await call(tokens.a, "GET", `/evaluations/${ids.finished}/results.csv`)).text(),
    );
    const wrongLevel = await call(tokens.a, "GET", `/evaluations/${ids.finished}/results.csv?level=pixel`);
    expect(wrongLevel.status).toBe(422);
    expect(((await wrongLevel.json()) as { problems: { problem: string }[] }).problems).toEqual([{ problem: 'level: Use "class" or "image".' }]);

    const imageRes = await call(tokens.a, "GET", `/evaluations/${ids.finished}/results.csv?level=image`);
    expect(imageRes.headers.get("content-disposition")).toContain("attachment");
    const imageCsv = parseCsv(await imageRes.text());
    const stored = sql.prepare(`SELECT s.name AS name, r.miou AS miou FROM "EvaluationSampleResult" r JOIN "Sample" s ON s.id = r.sampleId WHERE r.evaluationId = ?`).all(ids.finished) as { name: string; miou: number | null }[];
    expect(imageCsv.length - 1).toBe(stored.length);
    const miouCol = imageCsv[0].indexOf("miou");
    for (const s of stored) {
      const line = imageCsv.find((r) => r[0] === s.name)!;
      if (s.miou === null) expect(line[miouCol]).toBe("");
      else expect(Number(line[miouCol])).toBeCloseTo(s.miou, 12);
    }
  });

  it("GET /evaluations/{id}/leakage reports the training images among the evaluated ones, as the results page does", async () => {
    const { checkEvaluationLeakage, hashFillsSettled } = await import("@/lib/server/models/leakage");
    const userA = first(`SELECT id FROM "User" WHERE email = ?`, A_EMAIL);
    const leakage = async () => (await (await call(tokens.a, "GET", `/evaluations/${ids.onTraining}/leakage`)).json()) as Record<string, unknown>;
    const images = Number(first(`SELECT COUNT(*) FROM "EvaluationSampleResult" WHERE evaluationId = ?`, ids.onTraining));
    expect(images).toBeGreaterThan(0);
    // Exact copies are found at once; perceptual hashes the first answer had no
    // time for (a loaded host) are computed in the background and counted.
    const firstAnswer = await leakage();
    expect(firstAnswer).toMatchObject({ checked: true, leakedImages: images, exact: images, without: null });
    const pending = firstAnswer.pending as { hashed: number; total: number } | null;
    if (pending !== null) expect(pending.hashed).toBeLessThan(pending.total);
    await hashFillsSettled();
    const all = await leakage();
    expect(all).toMatchObject({ checked: true, leakedImages: images, exact: images, nearDuplicates: 0, without: null, pending: null });
    expect((all.matches as unknown[]).length).toBe(images);
    for (const id of [ids.finished, ids.onTraining]) {
      const view = await checkEvaluationLeakage({ ownerId: userA, evaluationId: id }, testDb.db);
      const got = (await (await call(tokens.a, "GET", `/evaluations/${id}/leakage`)).json()) as { matches: unknown[]; without: unknown; checked: boolean };
      expect(got).toMatchObject({ checked: view.checked, matches: view.matches, without: view.without });
    }
  });

  it("a running or draft evaluation has no results yet (409)", async () => {
    const res = await call(tokens.a, "GET", `/evaluations/${ids.draft}/results`);
    expect(res.status).toBe(409);
  });
});

describe("admin create-token", () => {
  it("prints a token once that the API accepts", async () => {
    const { runAdmin } = await import("@/lib/tools/admin/main");
    const out = await runAdmin(["create-token", "--email", A_EMAIL, "--name", "from admin"], async () => ({ db: testDb.db, store: undefined as never }));
    expect(out.exitCode).toBe(0);
    const token = out.stdout.trim();
    expect(token).toMatch(/^isk_[A-Za-z0-9_-]{43}$/);
    expect((await call(token, "GET", "/apps")).status).toBe(200);
    expect(first(`SELECT tokenHash FROM "ApiToken" WHERE name = 'from admin'`)).not.toContain(token);
  });
});

describe("the README's CI recipe", () => {
  let worker: ChildProcess | undefined;
  afterAll(() => {
    if (worker?.pid !== undefined && worker.exitCode === null) process.kill(-worker.pid, "SIGTERM");
  });

  it("evaluates the new version, waits, and passes or fails on the mIoU drop", async () => {
    const { runGate, parseGateArgs } = await import("@/lib/tools/ci/compare-miou");
    worker = spawn("npm", ["run", "-s", "worker"], { cwd: ROOT, env: process.env, detached: true, stdio: "ignore" });
    const args = parseGateArgs(["--model-version", ids.modelVersion2, "--dataset", ids.dataset, "--baseline-version", ids.modelVersion, "--max-drop", "100", "--poll-seconds", "0.2"], {
      INTERSECT_URL: "http://127.0.0.1",
      INTERSECT_TOKEN: tokens.a,
    });
    if (typeof args === "string") throw new Error(args);
    const lines: string[] = [];
    const passed = await runGate({ ...args, fetch: routeFetch, timeoutMs: 240_000, log: (l) => lines.push(l) });
    expect(passed.ok).toBe(true);
    expect(passed.candidate.miou).not.toBeNull();
    expect(lines.filter((l) => /^OK: mIoU/.test(l))).toHaveLength(1);
    // The same candidate against the finished baseline evaluation, with a bar it cannot clear.
    const failed = await runGate({ ...args, baselineVersionId: undefined, baselineEvaluationId: passed.baseline.evaluationId, maxDropPoints: -100, fetch: routeFetch, timeoutMs: 240_000 });
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(/^FAIL/);
    expect(failed.candidate.evaluationId).not.toBe(passed.candidate.evaluationId);
    expect(failed.baseline.miou).toBe(passed.baseline.miou);
    // On the model's own training set the gate still decides by mIoU, and warns that the images leak.
    const onTraining: string[] = [];
    const leaky = await runGate({ ...args, datasetId: ids.trainingSet, fetch: routeFetch, timeoutMs: 240_000, log: (l) => onTraining.push(l) });
    expect(leaky.ok).toBe(true);
    expect(leaky.candidateLeakage?.leakedImages).toBeGreaterThan(0);
    expect(onTraining.at(-1)).toMatch(/^WARNING: \d+ evaluated image\(s\) are in the model version's training data/);
  }, 300_000);
});
