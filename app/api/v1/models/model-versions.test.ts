/**
 * POST /api/v1/models/{id}/versions through the route handler (Bearer
 * tokens): 422 with `problems` for a bad config, a file that is not ONNX and
 * a class name given twice and a second model file, 404 for another owner's model, nothing created. Saving an evaluation's
 * class mapping: only while it is `created`; another owner's id is not found.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/core/errors";
import { createTestDatabase } from "@/lib/server/db/test-database";
import { createBlobStore } from "@/lib/server/storage/blob-store";
import { createRouteFetch } from "@/app/_isolation/route-fetch";
import { ELEM, encodeOnnxModel, floatTensor, node, valueInfo } from "@/lib/core/onnx/build-graph";

vi.mock("next/headers", async () => (await import("@/app/_isolation/request-state")).nextHeadersMock);

const testDb = await createTestDatabase("intersect-model-api-");
vi.stubEnv("DATA_DIR", testDb.dir);
vi.stubEnv("DATABASE_URL", testDb.url);
const { fetch: routeFetch } = await createRouteFetch();

const ids = { a: "", b: "", model: "", modelVersion: "", dataset: "", lanesV1: "", lanesV2: "", bobsVersion: "", app: "" };
const tokens = { a: "", b: "" };

const onnxBytes = encodeOnnxModel({
  nodes: [node("Conv", ["x", "w"], ["y"])],
  initializers: [floatTensor("w", [3, 3, 1, 1], [1, 0, 0, 0, 1, 0, 0, 0, 1])],
  inputs: [valueInfo("x", ELEM.float, [1, 3, "H", "W"])],
  outputs: [valueInfo("y", ELEM.float, [1, 3, "H", "W"])],
});

function postVersion(token: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array | string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append("file", new Blob([typeof file.bytes === "string" ? file.bytes : Uint8Array.from(file.bytes)]), file.name);
  return routeFetch(`http://127.0.0.1/api/v1/models/${ids.model}/versions`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
}
const versionCount = () => testDb.db.modelVersion.count({ where: { modelId: ids.model } });

beforeAll(async () => {
  const { runAdmin } = await import("@/lib/tools/admin/main");
  const { writeDatasetFolder } = await import("@/lib/tools/admin/test-helpers");
  const { createApiToken } = await import("@/lib/server/auth/api-tokens");
  const deps = { db: testDb.db, store: createBlobStore(path.join(testDb.dir, "blobs")) };
  const admin = async (...argv: string[]) => expect((await runAdmin(argv, async () => deps)).stderr).toBe("");
  for (const email of ["ann@example.com", "bob@example.com"]) await admin("create-user", "--email", email, "--password", "correct-horse");
  await admin("create-app", "--email", "ann@example.com", "--app", "Street");
  const dir = path.join(testDb.dir, "ds");
  writeDatasetFolder(dir, [{ name: "a" }, { name: "b" }]);
  await admin("import-dataset", "--email", "ann@example.com", "--app", "Street", "--dataset", "roads", "--dir", dir);
  await admin("create-model-version", "--email", "ann@example.com", "--app", "Street", "--model", "echo", "--predictions", path.join(dir, "masks"), "--like-dataset", "roads");
  for (let i = 0; i < 2; i++) await admin("import-dataset", "--email", "ann@example.com", "--app", "Street", "--dataset", "lanes", "--dir", dir); // lanes v1, v2
  await admin("create-app", "--email", "bob@example.com", "--app", "Bobs");
  await admin("import-dataset", "--email", "bob@example.com", "--app", "Bobs", "--dataset", "secret", "--dir", dir);
  const users = await testDb.db.user.findMany({ orderBy: { email: "asc" }, select: { id: true } });
  [ids.a, ids.b] = users.map((u) => u.id);
  const version = await testDb.db.modelVersion.findFirstOrThrow({ select: { id: true, modelId: true } });
  Object.assign(ids, { model: version.modelId, modelVersion: version.id, dataset: (await testDb.db.dataset.findFirstOrThrow({ where: { name: "roads" }, select: { id: true } })).id });
  const lanes = await testDb.db.datasetVersion.findMany({ where: { dataset: { name: "lanes" } }, orderBy: { number: "asc" }, select: { id: true, dataset: { select: { appId: true } } } });
  [ids.lanesV1, ids.lanesV2] = lanes.map((v) => v.id);
  ids.app = lanes[0].dataset.appId;
  ids.bobsVersion = (await testDb.db.datasetVersion.findFirstOrThrow({ where: { dataset: { name: "secret" } }, select: { id: true } })).id;
  tokens.a = (await createApiToken({ userId: ids.a, name: "a" }, testDb.db)).token;
  tokens.b = (await createApiToken({ userId: ids.b, name: "b" }, testDb.db)).token;
}, 60_000);
afterAll(async () => {
  await testDb.cleanup();
});

describe("POST /api/v1/models/{id}/versions", () => {
  it("answers 422 with problems for a config that is not valid, nothing created", async () => {
    const res = await postVersion(tokens.a, { runner: "onnx", classes: '["road","car","sky"]', config: '{"input":{"layout":"sideways"}}' }, { name: "seg.onnx", bytes: onnxBytes });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; problems: { file?: string; problem: string }[]; fieldErrors?: Record<string, string[]> }; problems: unknown };
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.problems.length).toBeGreaterThan(0);
    expect(body.problems).toEqual(body.error.problems);
    expect(body.error.problems[0].problem).toMatch(/preprocessing config is not valid: input\.layout/);
    expect(body.error.fieldErrors?.config?.[0]).toMatch(/^input\.layout: /);
    expect(await versionCount()).toBe(1);
  });

  it("answers 422 naming the file for a file that is not ONNX, and for a non-JSON classes field", async () => {
    const res = await postVersion(tokens.a, { runner: "onnx", classes: '["road","car","sky"]' }, { name: "weights.onnx", bytes: "not a model" });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { problems: { file?: string; problem: string }[] } };
    expect(error.problems).toEqual([{ file: "weights.onnx", problem: expect.stringMatching(/^not a loadable ONNX model \(.+\)\.$/) }]);
    const badClasses = await postVersion(tokens.a, { runner: "onnx", classes: "road,car" }, { name: "seg.onnx", bytes: onnxBytes });
    expect(badClasses.status).toBe(422);
    expect(((await badClasses.json()) as { error: { problems: { problem: string }[] } }).error.problems[0].problem).toBe("classes: not valid JSON.");
    expect(await versionCount()).toBe(1);
  });

  it("reads a field sent as a file part (curl -F classes=@classes.json) as its text", async () => {
    const form = new FormData();
    form.append("runner", "onnx");
    form.append("classes", new Blob(['["road","car","sky"]']), "classes.json");
    form.append("config", new Blob(['{"input":{"size":null,"sizeMultiple":1,"resize":"none"}}']), "config.json");
    form.append("file", new Blob([Uint8Array.from(onnxBytes)]), "seg.onnx");
    const before = await versionCount();
    const res = await routeFetch(`http://127.0.0.1/api/v1/models/${ids.model}/versions`, { method: "POST", headers: { authorization: `Bearer ${tokens.a}` }, body: form });
    expect(res.status).toBe(201);
    expect(await versionCount()).toBe(before + 1);
    await testDb.db.modelVersion.delete({ where: { id: ((await res.json()) as { id: string }).id } });
  });

  it("answers 422 naming the second file when two model files are sent, nothing created", async () => {
    const form = new FormData();
    form.append("runner", "onnx");
    form.append("classes", '["road","car","sky"]');
    form.append("config", '{"input":{"size":null,"sizeMultiple":1,"resize":"none"}}');
    form.append("file", new Blob([Uint8Array.from(onnxBytes)]), "seg.onnx");
    form.append("file", new Blob([Uint8Array.from(onnxBytes)]), "other.onnx");
    const before = await versionCount();
    const res = await routeFetch(`http://127.0.0.1/api/v1/models/${ids.model}/versions`, { method: "POST", headers: { authorization: `Bearer ${tokens.a}` }, body: form });
    expect(res.status).toBe(422);
    const { error, problems } = (await res.json()) as { error: { code: string; message: string }; problems: { problem: string }[] };
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/^More than one model file: other\.onnx/);
    expect(problems).toEqual([{ problem: error.message }]);
    expect(await versionCount()).toBe(before);
    expect(readdirSync(path.join(testDb.dir, "uploads")).filter((f) => f.startsWith("model-"))).toEqual([]);
  });

  it("refuses a misspelt or repeated field by name (a lost trainedOn would silence leakage warnings), nothing created", async () => {
    const ok = { runner: "onnx", classes: '["road","car","sky"]', config: '{"input":{"size":null,"sizeMultiple":1,"resize":"none"}}' };
    const misspelt = await postVersion(tokens.a, { ...ok, trainedon: `["${ids.lanesV1}"]` }, { name: "seg.onnx", bytes: onnxBytes });
    expect(misspelt.status).toBe(422);
    expect(((await misspelt.json()) as { error: { message: string } }).error.message).toBe('Unknown field "trainedon": did you mean "trainedOn"?');
    const other = await postVersion(tokens.a, { ...ok, Notes: "x" }, { name: "seg.onnx", bytes: onnxBytes });
    expect(((await other.json()) as { error: { message: string } }).error.message).toBe(
      'Unknown field "Notes": the fields are file, runner, classes, config, datasetVersionId, trainedOn, note.',
    );
    const form = new FormData();
    for (const [k, v] of Object.entries(ok)) form.append(k, v);
    form.append("classes", '["a","b","c"]');
    form.append("file", new Blob([Uint8Array.from(onnxBytes)]), "seg.onnx");
    const twice = await routeFetch(`http://127.0.0.1/api/v1/models/${ids.model}/versions`, { method: "POST", headers: { authorization: `Bearer ${tokens.a}` }, body: form });
    expect(twice.status).toBe(422);
    expect(((await twice.json()) as { error: { message: string } }).error.message).toBe('The field "classes" is sent more than once; send it once.');
    expect(await versionCount()).toBe(1);
  });

  it("a refused .onnx upload leaves no blob: the file is checked before it is stored", async () => {
    const bytes = new TextEncoder().encode(`not a model ${Math.random()}`);
    const sha = createHash("sha256").update(bytes).digest("hex");
    const res = await postVersion(tokens.a, { runner: "onnx", classes: '["road","car","sky"]' }, { name: "weights.onnx", bytes });
    expect(res.status).toBe(422);
    expect(existsSync(path.join(testDb.dir, "blobs", sha.slice(0, 2), sha.slice(2, 4), sha))).toBe(false);
    const good = await postVersion(tokens.a, { runner: "onnx", classes: '["road","car","sky"]', config: '{"input":{"size":null,"sizeMultiple":1,"resize":"none"}}' }, { name: "seg.onnx", bytes: onnxBytes });
    expect(good.status).toBe(201);
    const goodSha = createHash("sha256").update(onnxBytes).digest("hex");
    expect(existsSync(path.join(testDb.dir, "blobs", goodSha.slice(0, 2), goodSha.slice(2, 4), goodSha))).toBe(true);
    await testDb.db.modelVersion.delete({ where: { id: ((await good.json()) as { id: string }).id } });
  });

  it("answers 422 for a class name given twice (ignoring case), nothing created", async () => {
    const res = await postVersion(tokens.a, { runner: "onnx", classes: '["sky","road","Sky"]', config: '{"input":{"size":null,"sizeMultiple":1,"resize":"none"}}' }, { name: "seg.onnx", bytes: onnxBytes });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { message: string; fieldErrors?: Record<string, string[]> } };
    expect(error.message).toBe('Class names must be unique (ignoring case): "Sky" appears twice.');
    expect(error.fieldErrors?.classes?.[0]).toMatch(/"Sky" appears twice/);
    expect(await versionCount()).toBe(1);
  });

  it("creates the version with a valid file and config (201), and is 404 for another owner's model", async () => {
    const ok = await postVersion(tokens.a, { runner: "onnx", classes: '["road","car","sky"]', config: '{"input":{"size":null,"sizeMultiple":1,"resize":"none"}}' }, { name: "seg.onnx", bytes: onnxBytes });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ number: 2 });
    const classesFile = JSON.stringify({ classes: [{ name: "road", color: [1, 2, 3] }, { name: "car" }, { name: "sky" }], ignore_index: 255 });
    const fromFile = await postVersion(tokens.a, { runner: "onnx", classes: classesFile, config: '{"input":{"size":null,"sizeMultiple":1,"resize":"none"}}' }, { name: "seg.onnx", bytes: onnxBytes });
    expect(fromFile.status).toBe(201);
    expect(await fromFile.json()).toMatchObject({ number: 3 });
    const foreign = await postVersion(tokens.b, { runner: "onnx", classes: '["road"]' }, { name: "seg.onnx", bytes: onnxBytes });
    expect(foreign.status).toBe(404);
    expect(await versionCount()).toBe(3);
  });
});

describe("class names and training sets of a new version", () => {
  const config = '{"input":{"size":null,"sizeMultiple":1,"resize":"none"}}';

  it("answers 422 naming a class name with a line break or another control character, nothing created", async () => {
    const before = await versionCount();
    for (const bad of ["road\nside", "car\u0007", "sky\u007f"]) {
      const res = await postVersion(tokens.a, { runner: "onnx", classes: JSON.stringify(["bg", bad, "x"]), config }, { name: "seg.onnx", bytes: onnxBytes });
      expect(res.status).toBe(422);
      const { error } = (await res.json()) as { error: { message: string; fieldErrors?: Record<string, string[]> } };
      expect(error.message).toContain(`class name ${JSON.stringify(bad)} contains`);
      expect(error.fieldErrors?.classes?.[0]).toMatch(/must be printable text/);
    }
    expect(await versionCount()).toBe(before);
  });

  it("the form's picker offers every version of each owned dataset, and the version trained on is recorded exactly; another owner's version is 404", async () => {
    const { listDatasetVersionsForPicker } = await import("@/lib/server/db/datasets");
    const groups = await listDatasetVersionsForPicker({ ownerId: ids.a, currentAppId: ids.app }, testDb.db);
    expect(groups.map((g) => g.app.name)).toEqual(["Street"]);
    const lanes = groups[0].datasets.find((d) => d.name === "lanes");
    expect(lanes?.versions.map((v) => [v.id, v.number, v.sampleCount])).toEqual([[ids.lanesV2, 2, 2], [ids.lanesV1, 1, 2]]);
    expect(lanes?.versions[1].classNames.length).toBeGreaterThan(0);
    expect(groups.flatMap((g) => g.datasets.flatMap((d) => d.versions.map((v) => v.id)))).not.toContain(ids.bobsVersion);

    const before = await versionCount();
    const ok = await postVersion(tokens.a, { runner: "onnx", classes: '["road","car","sky"]', config, trainedOn: JSON.stringify([ids.lanesV1]) }, { name: "seg.onnx", bytes: onnxBytes });
    expect(ok.status).toBe(201);
    const { id } = (await ok.json()) as { id: string };
    const recorded = await testDb.db.modelVersionTrainingSet.findMany({ where: { modelVersionId: id }, select: { datasetVersionId: true } });
    expect(recorded).toEqual([{ datasetVersionId: ids.lanesV1 }]);

    const foreign = await postVersion(tokens.a, { runner: "onnx", classes: '["road","car","sky"]', config, trainedOn: JSON.stringify([ids.bobsVersion]) }, { name: "seg.onnx", bytes: onnxBytes });
    expect(foreign.status).toBe(404);
    expect(await versionCount()).toBe(before + 1);
  });
});

describe("POST /api/v1/models/{id}/inspect-onnx", () => {
  const inspect = (token: string, config: unknown, file: { name: string; bytes: Uint8Array | string }) => {
    const form = new FormData();
    form.append("config", JSON.stringify(config));
    form.append("classCount", "3");
    form.append("file", new Blob([typeof file.bytes === "string" ? file.bytes : Uint8Array.from(file.bytes)]), file.name);
    return routeFetch(`http://127.0.0.1/api/v1/models/${ids.model}/inspect-onnx`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
  };
  it("returns the signature and whether the config fits; 422 for a file that is not ONNX; 404 for another owner", async () => {
    const fits = await inspect(tokens.a, { input: { size: null, sizeMultiple: 1, resize: "none" } }, { name: "seg.onnx", bytes: onnxBytes });
    expect(fits.status).toBe(200);
    expect(await fits.json()).toEqual({
      fileName: "seg.onnx",
      bytes: onnxBytes.length,
      signature: { inputs: [{ name: "x", type: "float32", dims: [1, 3, "H", "W"] }], outputs: [{ name: "y", type: "float32", dims: [1, 3, "H", "W"] }] },
      problem: null,
    });
    const misfit = (await (await inspect(tokens.a, { input: { layout: "nhwc" } }, { name: "seg.onnx", bytes: onnxBytes })).json()) as { problem: string | null };
    expect(misfit.problem).toMatch(/^seg\.onnx: /);
    expect((await inspect(tokens.a, {}, { name: "junk.onnx", bytes: "junk" })).status).toBe(422);
    expect((await inspect(tokens.b, {}, { name: "seg.onnx", bytes: onnxBytes })).status).toBe(404);
  });
});

describe("GET /api/v1/model-versions/{id}/test-image", () => {
  it("runs a version on one sample: the uploaded prediction (the ground truth) agrees everywhere, an onnx version runs; 404 for another owner", async () => {
    const dv = await testDb.db.datasetVersion.findFirstOrThrow({ select: { id: true, samples: { take: 1, select: { sampleId: true } } } });
    const sampleId = dv.samples[0].sampleId;
    const get = (token: string, versionId: string) =>
      routeFetch(`http://127.0.0.1/api/v1/model-versions/${versionId}/test-image?datasetVersionId=${dv.id}&sampleId=${sampleId}`, { headers: { authorization: `Bearer ${token}` } });
    const echo = await get(tokens.a, ids.modelVersion);
    expect(echo.status).toBe(200);
    const body = (await echo.json()) as { pixelAgreement: number; width: number; predictionPng: string; errorPng: string; legend: { name: string; datasetClass: string | null }[] };
    expect(body).toMatchObject({ pixelAgreement: 1, width: 8 });
    expect(body.predictionPng).toMatch(/^data:image\/png;base64,/);
    expect(body.legend.map((c) => c.datasetClass)).toEqual(["road", "car", "sky"]);
    const onnx = await testDb.db.modelVersion.findFirstOrThrow({ where: { runnerKind: "onnx", modelId: ids.model }, select: { id: true } });
    const ran = await get(tokens.a, onnx.id);
    expect(ran.status).toBe(200);
    const agreement = ((await ran.json()) as { pixelAgreement: number }).pixelAgreement;
    expect(agreement).toBeGreaterThanOrEqual(0);
    expect(agreement).toBeLessThanOrEqual(1);
    // A version whose classes file gives road its own colour is drawn in the dataset's colours, as the ground truth is.
    const coloured = await testDb.db.modelVersion.findFirstOrThrow({ where: { modelId: ids.model, number: 3 }, select: { id: true, classes: true } });
    expect((coloured.classes as { color: number[] }[])[0].color).toEqual([1, 2, 3]);
    const datasetRoad = ((await testDb.db.datasetVersion.findUniqueOrThrow({ where: { id: dv.id }, select: { classes: true } })).classes as { color: number[] }[])[0].color;
    const legend = ((await (await get(tokens.a, coloured.id)).json()) as { legend: { name: string; color: number[] }[] }).legend;
    expect(legend[0]).toMatchObject({ name: "road", color: datasetRoad });
    expect(datasetRoad).not.toEqual([1, 2, 3]);
    expect((await get(tokens.b, ids.modelVersion)).status).toBe(404);
    expect((await routeFetch(`http://127.0.0.1/api/v1/model-versions/${ids.modelVersion}/test-image`, { headers: { authorization: `Bearer ${tokens.a}` } })).status).toBe(422);
  });
});

describe("saving an evaluation's class mapping", () => {
  it("saves while created, refuses a mapping that evaluates nothing, is not_found for another owner and conflict once queued", async () => {
    const { createEvaluation } = await import("@/lib/server/evaluation/create");
    const { startEvaluation } = await import("@/lib/server/evaluation/start");
    const { getEvaluationClassView, saveClassMapping } = await import("@/lib/server/evaluation/class-mapping-checks");
    const { id } = await createEvaluation({ ownerId: ids.a, input: { modelVersionId: ids.modelVersion, datasetId: ids.dataset, allowDuplicate: true } }, testDb.db);
    const code = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof AppError ? e.code : String(e)));

    expect(await saveClassMapping({ ownerId: ids.a, evaluationId: id, classMapping: { "0": 0, "1": -1, "2": 2 } }, testDb.db)).toEqual({ saved: true });
    expect((await getEvaluationClassView({ ownerId: ids.a, evaluationId: id }, testDb.db)).mapping).toEqual({ "0": 0, "1": -1, "2": 2 });
    expect(await code(saveClassMapping({ ownerId: ids.a, evaluationId: id, classMapping: { "0": -1, "1": -1, "2": -1 } }, testDb.db))).toBe("invalid_input");
    expect(await code(saveClassMapping({ ownerId: ids.b, evaluationId: id, classMapping: { "0": 0 } }, testDb.db))).toBe("not_found");

    await startEvaluation({ ownerId: ids.a, evaluationId: id }, testDb.db);
    expect(await code(saveClassMapping({ ownerId: ids.a, evaluationId: id, classMapping: { "0": 0, "1": 1, "2": 2 } }, testDb.db))).toBe("conflict");
    expect((await getEvaluationClassView({ ownerId: ids.a, evaluationId: id }, testDb.db)).mapping).toEqual({ "0": 0, "1": -1, "2": 2 });
  });

  it("the leaderboard tells an edited mapping from the by-name one every evaluation stores", async () => {
    const { createEvaluation } = await import("@/lib/server/evaluation/create");
    const { saveClassMapping } = await import("@/lib/server/evaluation/class-mapping-checks");
    const { listLeaderboardEvaluations } = await import("@/lib/server/db/evaluations");
    const byName = await createEvaluation({ ownerId: ids.a, input: { modelVersionId: ids.modelVersion, datasetId: ids.dataset, allowDuplicate: true } }, testDb.db);
    const same = await createEvaluation({ ownerId: ids.a, input: { modelVersionId: ids.modelVersion, datasetId: ids.dataset, allowDuplicate: true } }, testDb.db);
    const edited = await createEvaluation({ ownerId: ids.a, input: { modelVersionId: ids.modelVersion, datasetId: ids.dataset, allowDuplicate: true } }, testDb.db);
    await saveClassMapping({ ownerId: ids.a, evaluationId: same.id, classMapping: { "0": 0, "1": 1, "2": 2 } }, testDb.db);
    await saveClassMapping({ ownerId: ids.a, evaluationId: edited.id, classMapping: { "0": 0, "1": -1, "2": 2 } }, testDb.db);
    await testDb.db.evaluation.updateMany({ where: { id: { in: [byName.id, same.id, edited.id] } }, data: { status: "succeeded", finishedAt: new Date() } });
    const rows = await listLeaderboardEvaluations({ ownerId: ids.a, modelId: ids.model }, testDb.db);
    const custom = Object.fromEntries(rows.map((r) => [r.id, r.customMapping]));
    expect([custom[byName.id], custom[same.id], custom[edited.id]]).toEqual([false, false, true]);
  });

  it("the results page's title names model and dataset versions for the owner only", async () => {
    const { createEvaluation } = await import("@/lib/server/evaluation/create");
    const { getEvaluationTitle } = await import("@/lib/server/db/evaluations");
    const { id } = await createEvaluation({ ownerId: ids.a, input: { modelVersionId: ids.modelVersion, datasetId: ids.dataset, allowDuplicate: true } }, testDb.db);
    expect(await getEvaluationTitle({ ownerId: ids.a, evaluationId: id }, testDb.db)).toBe("Evaluation: echo v1 on roads v1");
    await expect(getEvaluationTitle({ ownerId: ids.b, evaluationId: id }, testDb.db)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("what real users send", () => {
  const roadsV1 = async () => (await testDb.db.datasetVersion.findFirstOrThrow({ where: { dataset: { name: "roads" } }, select: { id: true } })).id;
  const predictionsZip = async () => {
    const { writeZip } = await import("@/lib/core/import/zip-writer");
    const { readFileSync } = await import("node:fs");
    const mask = (n: string) => new Uint8Array(readFileSync(path.join(testDb.dir, "ds", "masks", `${n}.png`)));
    // As macOS Finder and `zip -r p.zip .` write them: a "./" root entry and AppleDouble copies under __MACOSX/.
    return writeZip([
      { name: "./" },
      { name: "preds/a.png", data: mask("a") },
      { name: "preds/b.png", data: mask("b") },
      { name: "__MACOSX/preds/._a.png", data: new Uint8Array([0, 5, 22, 7]) },
      { name: "preds/._b.png", data: new Uint8Array([0, 5, 22, 7]) },
    ]);
  };

  it("creates a predictions version from a Finder-made zip (root entry, __MACOSX and ._ copies ignored)", async () => {
    const before = await versionCount();
    const res = await postVersion(tokens.a, { runner: "predictions", classes: '["road","car","sky"]', datasetVersionId: await roadsV1() }, { name: "preds.zip", bytes: await predictionsZip() });
    expect(res.status).toBe(201);
    expect(await versionCount()).toBe(before + 1);
  });

  it("an empty datasetVersionId (the form's unchosen select) is refused with a sentence, nothing created", async () => {
    const before = await versionCount();
    const res = await postVersion(tokens.a, { runner: "predictions", classes: '["road","car","sky"]', datasetVersionId: "" }, { name: "preds.zip", bytes: await predictionsZip() });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("datasetVersionId: choose the dataset version the predictions are for.");
    expect(await versionCount()).toBe(before);
  });

  it("takes RGB colour predictions through the version's class colours, stored as grey label maps; an unknown colour is named", async () => {
    const { writeZip } = await import("@/lib/core/import/zip-writer");
    const { readFileSync } = await import("node:fs");
    const { writeRgbMasks } = await import("@/lib/tools/cli/cli-test-helpers");
    const { decodeMask } = await import("@/lib/server/masks/decode-mask");
    const colors = { 0: [1, 2, 3], 1: [4, 5, 6], 2: [7, 8, 9], 9: [200, 200, 200] } as const;
    const values = (n: string, odd = false) => ({ width: 8, height: 6, values: Array.from({ length: 48 }, (_, i) => (odd && i === 0 ? 9 : i % 3)) });
    const zipOf = (dir: string) => writeZip(["a", "b"].map((n) => ({ name: `${n}.png`, data: new Uint8Array(readFileSync(path.join(dir, `${n}.png`))) })));
    const classes = JSON.stringify({ classes: [{ name: "road", color: colors[0] }, { name: "car", color: colors[1] }, { name: "sky", color: colors[2] }] });
    const good = writeRgbMasks(path.join(testDb.dir, "rgb-preds"), { a: values("a"), b: values("b") }, colors);
    const res = await postVersion(tokens.a, { runner: "predictions", classes, datasetVersionId: await roadsV1() }, { name: "rgb.zip", bytes: zipOf(good) });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const stored = await testDb.db.predictionMask.findFirstOrThrow({ where: { modelVersionId: id, sampleName: "a" } });
    const map = decodeMask(createBlobStore(path.join(testDb.dir, "blobs")).readBlobSync(stored.maskSha256));
    expect(Array.from(map.data)).toEqual(values("a").values);

    const bad = writeRgbMasks(path.join(testDb.dir, "rgb-preds-bad"), { a: values("a", true), b: values("b") }, colors);
    const refused = await postVersion(tokens.a, { runner: "predictions", classes, datasetVersionId: await roadsV1() }, { name: "rgb.zip", bytes: zipOf(bad) });
    expect(refused.status).toBe(422);
    const { error } = (await refused.json()) as { error: { message: string; fieldErrors?: Record<string, string[]> } };
    expect(error.message).toMatch(/a\.png: colour mask has 1 colour that is not in the class colour table: rgb\(200,200,200\)/);
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(["file"]); // the form marks its file input
    const notArchive = await postVersion(tokens.a, { runner: "predictions", classes, datasetVersionId: await roadsV1() }, { name: "rgb.zip", bytes: "not a zip" });
    expect(((await notArchive.json()) as { error: { fieldErrors?: Record<string, string[]> } }).error.fieldErrors?.file).toHaveLength(1);
  });

  it("refuses a predictions version with no class in common with its dataset version, nothing created", async () => {
    const before = await versionCount();
    const res = await postVersion(tokens.a, { runner: "predictions", classes: '["background","lesion"]', datasetVersionId: await roadsV1() }, { name: "preds.zip", bytes: await predictionsZip() });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toBe(
      "The version's classes and the dataset version its predictions are for (v1) have no class in common (model: background, lesion; dataset: road, car, sky). It could never be evaluated; nothing was created.",
    );
    expect(await versionCount()).toBe(before);
  });

  it("refuses misspelt preprocessing keys by name instead of using defaults, nothing created", async () => {
    const before = await versionCount();
    const res = await postVersion(tokens.a, { runner: "onnx", classes: '["road","car","sky"]', config: '{"input":{"stdev":[1,1,1],"means":[0,0,0]},"outptu":{"kind":"ids"}}' }, { name: "seg.onnx", bytes: onnxBytes });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { message: string } };
    expect(error.message).toContain('input: Unrecognized keys: "stdev", "means"');
    expect(error.message).toContain('Unrecognized key: "outptu"');
    expect(await versionCount()).toBe(before);
  });

  it("refuses an http version with a file part, and header names or values an HTTP client cannot send, before any request", async () => {
    const before = await versionCount();
    const endpoint = (headers: Record<string, string>) => JSON.stringify({ url: "http://127.0.0.1:9", modelName: "seg", headers });
    const withFile = await postVersion(tokens.a, { runner: "http", classes: '["road"]', config: endpoint({}) }, { name: "seg.onnx", bytes: onnxBytes });
    expect(withFile.status).toBe(422);
    expect(((await withFile.json()) as { error: { message: string } }).error.message).toMatch(/^file: an http version .* takes no file \(seg\.onnx was sent\)/);
    for (const [headers, problem] of [
      [{ "Bad Header": "x" }, /headers\.Bad Header: header name "Bad Header" is not valid: letters, digits/],
      [{ Authorization: "Bearer x\r\nX-Injected: 1" }, /A header value cannot contain line breaks/],
    ] as const) {
      const res = await postVersion(tokens.a, { runner: "http", classes: '["road"]', config: endpoint(headers) });
      expect(res.status).toBe(422);
      const message = ((await res.json()) as { error: { message: string } }).error.message;
      expect(message).toMatch(problem);
      expect(message).not.toMatch(/could not reach/);
    }
    expect(await versionCount()).toBe(before);
  });
});
