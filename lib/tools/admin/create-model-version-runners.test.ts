import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedHttpRunnerConfigSchema, storedOnnxRunnerConfigSchema } from "@/lib/contracts/runner-config";
import { argmaxRgbModel, startFakeOipServer } from "@/lib/server/models/http/oip-test-server";
import { ELEM, encodeOnnxModel, floatTensor, node, valueInfo } from "@/lib/core/onnx/build-graph";
import { listVersionRows } from "@/lib/server/models/version-rows";
import type { AdminDeps } from "./args";
import { runAdmin } from "./main";
import { parseHeaderFlags, parseTrainedOn } from "./runner-source";
import { createAdminTestDeps, writeDatasetFolder } from "./test-helpers";

/** 1x1 conv scores model: x float32 [1,3,H,W] -> y float32 [1,3,H,W] (channel c = colour c). */
const scoresModel = () =>
  encodeOnnxModel({
    nodes: [node("Conv", ["x", "w"], ["y"])],
    initializers: [floatTensor("w", [3, 3, 1, 1], [1, 0, 0, 0, 1, 0, 0, 0, 1])],
    inputs: [valueInfo("x", ELEM.float, [1, 3, "H", "W"])],
    outputs: [valueInfo("y", ELEM.float, [1, 3, "H", "W"])],
  });

let deps: Awaited<ReturnType<typeof createAdminTestDeps>>;
const getDeps = async (): Promise<AdminDeps> => deps;
const email = ["--email", "ann@example.com"];
const file = (name: string, data: string | Uint8Array) => {
  const p = path.join(deps.dir, name);
  writeFileSync(p, data);
  return p;
};
const create = (...flags: string[]) => runAdmin(["create-model-version", ...email, "--app", "Street", "--model", "seg", ...flags], getDeps);
const versions = () => deps.db.modelVersion.findMany({ orderBy: { createdAt: "asc" }, select: { runnerKind: true, runnerConfig: true, trainingSets: { select: { datasetVersionId: true } } } });

beforeAll(async () => {
  deps = await createAdminTestDeps();
  await runAdmin(["create-user", ...email, "--password", "correct-horse"], getDeps);
  await runAdmin(["create-app", ...email, "--app", "Street"], getDeps);
  const dir = path.join(deps.dir, "ds");
  writeDatasetFolder(dir, [{ name: "a" }, { name: "b" }]);
  await runAdmin(["import-dataset", ...email, "--app", "Street", "--dataset", "roads", "--dir", dir], getDeps);
  await runAdmin(["import-dataset", ...email, "--app", "Street", "--dataset", "roads", "--dir", dir], getDeps);
});
afterAll(async () => {
  await deps.cleanup();
});

describe("create-model-version --onnx / --endpoint", () => {
  it("creates an onnx version from a file and its config, with the signature stored and training sets recorded", async () => {
    const onnx = file("seg.onnx", scoresModel());
    const config = file("seg.json", JSON.stringify({ input: { layout: "nchw", size: null, sizeMultiple: 1, resize: "none" }, output: { kind: "scores" } }));
    const r = await create("--onnx", onnx, "--config", config, "--like-dataset", "roads", "--trained-on", "roads:1", "--trained-on", "roads");
    expect(r).toMatchObject({ exitCode: 0, stderr: "" });
    expect(r.stdout).toContain('Created model "seg" (new) version 1 in app "Street": onnx model seg.onnx (input float32 [1, 3, H, W], output float32 [1, 3, H, W]) (runner: onnx).');
    expect(r.stdout).toContain("Trained on: roads v1, roads v2");
    const [v] = await versions();
    expect(v.runnerKind).toBe("onnx");
    const stored = storedOnnxRunnerConfigSchema.parse(v.runnerConfig);
    expect(stored.signature?.outputs[0]).toMatchObject({ name: "y", type: "float32" });
    expect(await deps.store.readBlob(stored.model.sha256)).toEqual(Buffer.from(scoresModel()));
    expect(v.trainingSets).toHaveLength(2);
  });

  it("refuses a file that is not ONNX and a config that does not fit the model: exit 1, nothing created", async () => {
    const before = await deps.db.modelVersion.count();
    const notOnnx = await create("--onnx", file("bad.onnx", "not a model"), "--like-dataset", "roads");
    expect(notOnnx).toMatchObject({ exitCode: 1, stdout: "" });
    expect(notOnnx.stderr).toMatch(/^error: bad\.onnx: not a loadable ONNX model \(.+\)\.\n$/);
    const nhwc = file("nhwc.json", JSON.stringify({ input: { layout: "nhwc" } }));
    const misfit = await create("--onnx", file("seg2.onnx", scoresModel()), "--config", nhwc, "--like-dataset", "roads");
    expect(misfit.exitCode).toBe(1);
    expect(misfit.stderr).toContain("seg2.onnx");
    const badJson = await create("--onnx", file("seg3.onnx", scoresModel()), "--config", file("bad.json", "{"), "--like-dataset", "roads");
    expect(badJson.stderr).toMatch(/bad\.json: preprocessing config is not valid JSON/);
    expect(await deps.db.modelVersion.count()).toBe(before);
  });

  it("creates an http version from an OIP v2 endpoint; header values are stored but never printed; a dead endpoint is exit 1", async () => {
    const server = await startFakeOipServer({
      metadata: { name: "seg", inputs: [{ name: "image", datatype: "UINT8", shape: [-1, -1, -1, 3] }], outputs: [{ name: "ids", datatype: "INT64", shape: [-1, -1, -1] }] },
      model: argmaxRgbModel,
    });
    try {
      const r = await create("--endpoint", server.url, "--endpoint-model", "seg", "--header", "Authorization: Bearer s3cret", "--like-dataset", "roads");
      expect(r).toMatchObject({ exitCode: 0, stderr: "" });
      expect(r.stdout).toContain(`endpoint ${server.url} model seg, headers Authorization stored server-side (runner: http)`);
      expect(r.stdout).not.toContain("s3cret");
      const stored = storedHttpRunnerConfigSchema.parse((await versions()).at(-1)?.runnerConfig);
      expect(stored).toMatchObject({ url: server.url, modelName: "seg", headers: { Authorization: "Bearer s3cret" } });
    } finally {
      await server.close();
    }
    const before = await deps.db.modelVersion.count();
    const down = await create("--endpoint", server.url, "--endpoint-model", "seg", "--like-dataset", "roads");
    expect(down.exitCode).toBe(1);
    expect(down.stderr).toMatch(/^error: .+\n$/);
    expect(await deps.db.modelVersion.count()).toBe(before);
  });

  it("prints the endpoint without its credentials or query string (they are stored, and used)", async () => {
    const server = await startFakeOipServer({
      metadata: { name: "seg", inputs: [{ name: "image", datatype: "UINT8", shape: [-1, -1, -1, 3] }], outputs: [{ name: "ids", datatype: "INT64", shape: [-1, -1, -1] }] },
      model: argmaxRgbModel,
    });
    try {
      const secretUrl = server.url.replace("http://", "http://u:s3cr3tpw@") + "/?apikey=s3cr3tq";
      const r = await create("--endpoint", secretUrl, "--endpoint-model", "seg", "--like-dataset", "roads");
      expect(r).toMatchObject({ exitCode: 0, stderr: "" });
      expect(r.stdout).toContain(`endpoint ${server.url} model seg (runner: http)`);
      expect(r.stdout).not.toMatch(/s3cr3t|apikey|u:/);
      expect(storedHttpRunnerConfigSchema.parse((await versions()).at(-1)?.runnerConfig).url).toBe(secretUrl);
      expect(server.stats.queries).toContain("apikey=s3cr3tq");
    } finally {
      await server.close();
    }
  });

  it("gives usage errors (exit 2) for conflicting or incomplete runner flags", async () => {
    const cases: [string[], string][] = [
      [["--like-dataset", "roads"], "--predictions DIR, --onnx FILE or --endpoint URL (one of them)"],
      [["--onnx", "m.onnx", "--predictions", "p", "--like-dataset", "roads"], "(one of them)"],
      [["--endpoint", "http://127.0.0.1:1", "--like-dataset", "roads"], "--endpoint URL and --endpoint-model NAME go together"],
      [["--predictions", "p", "--config", "c.json", "--like-dataset", "roads"], "--config FILE is for --onnx or --endpoint"],
      [["--onnx", "m.onnx", "--header", "X: y", "--like-dataset", "roads"], "--header is for --endpoint"],
      [["--endpoint", "http://x", "--endpoint-model", "m", "--header", "no colon", "--like-dataset", "roads"], "--header must look like 'Name: value'"],
      [["--onnx", "m.onnx", "--for-dataset", "roads", "--like-dataset", "roads"], "--for-dataset and --for-version are for --predictions"],
      [["--endpoint", "http://x", "--endpoint-model", "m", "--for-dataset", "roads", "--for-version", "1", "--like-dataset", "roads"], "--for-dataset and --for-version are for --predictions"],
      [["--predictions", "p", "--for-version", "1", "--like-dataset", "roads"], "--for-version needs --for-dataset NAME"],
      [["--onnx", "m.onnx", "--trained-on", "city-val:abc", "--like-dataset", "roads"], '--trained-on city-val:abc: "abc" is not a version number'],
      [["--onnx", "m.onnx", "--trained-on", "roads:0", "--like-dataset", "roads"], "--trained-on roads:0: version 0 does not exist"],
      [["--onnx", "m.onnx", "--trained-on", ":2", "--like-dataset", "roads"], '--trained-on :2: no dataset name before ":"'],
    ];
    for (const [flags, message] of cases) {
      const r = await runAdmin(["create-model-version", ...email, "--app", "Street", "--model", "seg", ...flags], () => Promise.reject(new Error("no deps")));
      expect(r.exitCode, flags.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it("parses --header and --trained-on values", () => {
    expect(parseHeaderFlags(["Authorization: Bearer a:b", "X-Key:v"])).toEqual({ Authorization: "Bearer a:b", "X-Key": "v" });
    expect(parseHeaderFlags([": v"])).toMatch(/must look like/);
    expect(parseTrainedOn("street-train:2")).toEqual({ datasetName: "street-train", number: 2 });
    expect(parseTrainedOn("street-train")).toEqual({ datasetName: "street-train" });
    expect(parseTrainedOn("Other app/a:b:3")).toEqual({ datasetName: "Other app/a:b", number: 3 });
    expect(parseTrainedOn("city-val:abc")).toMatch(/"abc" is not a version number/);
    expect(parseTrainedOn("city-val:")).toMatch(/"" is not a version number/);
  });
});

describe("the picker of a predictions version", () => {
  it("lists the dataset versions with predictions by id and by (dataset, number), also when the latest has none", async () => {
    const masks = path.join(deps.dir, "ds", "masks");
    const r = await create("--predictions", masks, "--like-dataset", "roads", "--for-dataset", "roads", "--for-version", "1");
    expect(r.exitCode).toBe(0);
    const model = await deps.db.model.findFirstOrThrow({ where: { name: "seg" }, select: { id: true, app: { select: { ownerId: true } } } });
    const { versions } = await listVersionRows({ ownerId: model.app.ownerId, modelId: model.id }, deps.db);
    const picker = versions.find((v) => v.runnerKind === "predictions")?.picker;
    const roads = await deps.db.datasetVersion.findMany({ where: { dataset: { name: "roads" } }, orderBy: { number: "asc" }, select: { id: true, datasetId: true } });
    expect(picker?.predictionsFor).toContain(roads[0].id);
    expect(picker?.predictedVersions).toContainEqual({ id: roads[0].id, datasetId: roads[0].datasetId, number: 1 });
  });
});

describe("export-demo-model", () => {
  it("writes a demo ONNX model, its config and classes that create-model-version accepts; touches no database", async () => {
    const out = path.join(deps.dir, "out", "lesion.onnx");
    const configOut = path.join(deps.dir, "out", "lesion.json");
    const classesOut = path.join(deps.dir, "out", "lesion-classes.json");
    const noDb = () => Promise.reject(new Error("no deps"));
    const r = await runAdmin(["export-demo-model", "--model", "lesion", "--version", "1", "--out", out, "--config-out", configOut, "--classes-out", classesOut], noDb);
    expect(r).toMatchObject({ exitCode: 0, stderr: "" });
    expect(r.stdout).toMatch(/^Wrote the demo's lesion model v1 colour to .+lesion\.onnx \(\d+ bytes\)\./);
    const missing = await runAdmin(["export-demo-model", "--model", "lesion", "--version", "9", "--out", out], noDb);
    expect(missing).toMatchObject({ exitCode: 1, stderr: "error: The demo's lesion model has versions 1 to 2, not 9.\n" });
    expect((await runAdmin(["export-demo-model", "--model", "cats", "--version", "1", "--out", out], noDb)).exitCode).toBe(2);
    const created = await runAdmin(["create-model-version", ...email, "--app", "Street", "--model", "lesion", "--onnx", out, "--config", configOut, "--classes", classesOut], getDeps);
    expect(created).toMatchObject({ exitCode: 0, stderr: "" });
    expect(created.stdout).toContain("(runner: onnx)");
  }, 180_000);
});
