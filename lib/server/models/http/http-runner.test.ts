import { createServer } from "node:net";
import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { onnxConfigSchema } from "@/lib/contracts/onnx-config";
import { mulberry32 } from "@/lib/core/metrics";
import type { RunnerSample } from "../runner";
import { createHttpRunner } from "./http-runner";
import type { ModelMetadata } from "./oip-codec";
import { argmaxRgbModel, startFakeOipServer } from "./oip-test-server";
import { testConnection } from "./test-connection";

const [W, H] = [23, 17];
const rand = mulberry32(7);
const px = Uint8Array.from({ length: W * H * 3 }, () => rand() & 255);
const image = await sharp(px, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
const sample = (name = "img-1"): RunnerSample => ({ id: name, name, imageSha256: "x", width: W, height: H });
const expected = Array.from({ length: W * H }, (_, i) => {
  const [r, g, b] = px.subarray(i * 3, i * 3 + 3);
  return g > r ? (b > g ? 2 : 1) : b > r ? 2 : 0;
});
const nhwcU8: ModelMetadata = {
  name: "seg",
  inputs: [{ name: "image", datatype: "UINT8", shape: [-1, -1, -1, 3] }],
  outputs: [{ name: "ids", datatype: "INT64", shape: [-1, -1, -1] }],
};
const servers: { close(): Promise<void> }[] = [];
const start = async (o: Parameters<typeof startFakeOipServer>[0]) => {
  const s = await startFakeOipServer(o);
  servers.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  vi.restoreAllMocks();
});
const fast = { backoffMs: 5, retries: 1 };

describe("http runner (Open Inference Protocol v2)", () => {
  it.each([false, true])("UINT8 NHWC ids, binary=%s, pixel for pixel; the Authorization header reaches the server", async (binary) => {
    const s = await start({ metadata: nhwcU8, model: argmaxRgbModel, binary });
    const runner = createHttpRunner({ config: { url: s.url, modelName: "seg", headers: { Authorization: "Bearer s3cret" } }, readImage: async () => image, ...fast });
    const m = await runner.predict(sample());
    expect([m.width, m.height]).toEqual([W, H]);
    expect(Array.from(m.data)).toEqual(expected);
    expect(s.stats.binaryRequests).toBe(binary ? 1 : 0);
    expect(s.stats.authorizations.at(-1)).toBe("Bearer s3cret");
  });

  it("an endpoint URL with a base path and a query string: API paths go under the base, the query stays on every request", async () => {
    const s = await start({ metadata: nhwcU8, model: argmaxRgbModel, basePath: "/gateway/seg" });
    const runner = createHttpRunner({ config: { url: `${s.url}/gateway/seg/?apikey=Q#ignored`, modelName: "seg" }, readImage: async () => image, ...fast });
    expect(Array.from((await runner.predict(sample())).data)).toEqual(expected);
    expect(s.stats.queries.length).toBeGreaterThan(1);
    expect(new Set(s.stats.queries)).toEqual(new Set(["apikey=Q"]));
  });

  it("FP32 NCHW scores get 0..1 values and are argmaxed", async () => {
    const s = await start({
      metadata: { name: "seg", inputs: [{ name: "x", datatype: "FP32", shape: [1, 3, -1, -1] }], outputs: [{ name: "s", datatype: "FP32", shape: [1, 3, -1, -1] }] },
      model: ({ shape, data }) => {
        expect(Math.max(...data)).toBeLessThanOrEqual(1);
        return { datatype: "FP32", shape, data: Float32Array.from(data) };
      },
    });
    const m = await createHttpRunner({ config: { url: s.url, modelName: "seg" }, readImage: async () => image, ...fast }).predict(sample());
    expect(Array.from(m.data)).toEqual(expected);
  });

  it("a symbolic channel axis ([1, -1, H, W]) with another count than the class list fails the image, naming it and the endpoint", async () => {
    const s = await start({
      metadata: { name: "seg", inputs: [{ name: "x", datatype: "FP32", shape: [1, 3, -1, -1] }], outputs: [{ name: "s", datatype: "FP32", shape: [1, -1, -1, -1] }] },
      model: ({ shape, data }) => ({ datatype: "FP32", shape, data: Float32Array.from(data) }),
    });
    const runner = (classCount: number) => createHttpRunner({ config: { url: s.url, modelName: "seg" }, classCount, readImage: async () => image, ...fast });
    await expect(runner(4).predict(sample("city-0003"))).rejects.toThrow(/^city-0003: http:\/\/127\.0\.0\.1:\d+\/v2\/models\/seg: .*3 score channels but the model version declares 4 classes/);
    expect(Array.from((await runner(3).predict(sample())).data)).toEqual(expected);
  });

  it("a preprocessing config with output.layout nhwc reads an FP32 NCHW endpoint's [1, H, W, C] scores", async () => {
    const s = await start({
      metadata: { name: "seg", inputs: [{ name: "x", datatype: "FP32", shape: [1, 3, -1, -1] }], outputs: [{ name: "s", datatype: "FP32", shape: [1, -1, -1, 3] }] },
      // The input planes, interleaved: [1, H, W, 3].
      model: ({ shape, data }) => {
        const n = shape[2] * shape[3];
        const out = new Float32Array(n * 3);
        for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) out[i * 3 + c] = data[c * n + i];
        return { datatype: "FP32", shape: [1, shape[2], shape[3], 3], data: out };
      },
    });
    const preprocess = onnxConfigSchema.parse({ input: { resize: "none", sizeMultiple: 1, mean: [0, 0, 0], std: [1, 1, 1] }, output: { kind: "scores", layout: "nhwc" } });
    const m = await createHttpRunner({ config: { url: s.url, modelName: "seg", preprocess }, classCount: 3, readImage: async () => image, ...fast }).predict(sample());
    expect(Array.from(m.data)).toEqual(expected);
  });

  it("without a config, scores in the other layout than the input's are read where the answer's shape puts the channels", async () => {
    // FP32 NCHW images in, [1, H, W, 3] scores out, the channel axis not declared ([1, -1, -1, -1]).
    const nhwcOut = await start({
      metadata: { name: "seg", inputs: [{ name: "x", datatype: "FP32", shape: [1, 3, -1, -1] }], outputs: [{ name: "s", datatype: "FP32", shape: [1, -1, -1, -1] }] },
      model: ({ shape, data }) => {
        const n = shape[2] * shape[3];
        const out = new Float32Array(n * 3);
        for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) out[i * 3 + c] = data[c * n + i];
        return { datatype: "FP32", shape: [1, shape[2], shape[3], 3], data: out };
      },
    });
    for (const classCount of [undefined, 3]) {
      const m = await createHttpRunner({ config: { url: nhwcOut.url, modelName: "seg" }, classCount, readImage: async () => image, ...fast }).predict(sample());
      expect(Array.from(m.data)).toEqual(expected);
    }
    // UINT8 NHWC images in, [1, 3, H, W] scores out, the channel count declared.
    const nchwOut = await start({
      metadata: { name: "seg", inputs: [{ name: "image", datatype: "UINT8", shape: [1, -1, -1, 3] }], outputs: [{ name: "s", datatype: "FP32", shape: [1, 3, -1, -1] }] },
      model: ({ shape, data }) => {
        const n = shape[1] * shape[2];
        const out = new Float32Array(n * 3);
        for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) out[c * n + i] = data[i * 3 + c];
        return { datatype: "FP32", shape: [1, 3, shape[1], shape[2]], data: out };
      },
    });
    const m = await createHttpRunner({ config: { url: nchwOut.url, modelName: "seg" }, classCount: 3, readImage: async () => image, ...fast }).predict(sample());
    expect(Array.from(m.data)).toEqual(expected);
  });

  it("a float map without a channel axis ([H, W]) is read as a probability, not as one score channel (class 0 everywhere)", async () => {
    const s = await start({
      metadata: { name: "seg", inputs: [{ name: "x", datatype: "FP32", shape: [1, 3, -1, -1] }], outputs: [{ name: "p", datatype: "FP32", shape: [-1, -1] }] },
      // p = R - G + 0.5 per pixel (values in 0..1 inputs): >= 0.5 where red >= green.
      model: ({ shape, data }) => {
        const [h, w] = [shape[2], shape[3]];
        const out = new Float32Array(h * w);
        for (let i = 0; i < h * w; i++) out[i] = data[i] - data[h * w + i] + 0.5;
        return { datatype: "FP32", shape: [h, w], data: out };
      },
    });
    const m = await createHttpRunner({ config: { url: s.url, modelName: "seg" }, readImage: async () => image, ...fast }).predict(sample());
    expect(Array.from(m.data)).toEqual(Array.from({ length: W * H }, (_, i) => (px[i * 3] / 255 - px[i * 3 + 1] / 255 + 0.5 >= 0.5 ? 1 : 0)));
    expect(new Set(m.data).size).toBe(2);
  });

  it("retries a 503 with backoff, then succeeds", async () => {
    const s = await start({ metadata: nhwcU8, model: argmaxRgbModel, failFirst: 2 });
    const m = await createHttpRunner({ config: { url: s.url, modelName: "seg" }, readImage: async () => image, backoffMs: 5, retries: 3 }).predict(sample());
    expect(Array.from(m.data)).toEqual(expected);
    expect(s.stats.infers).toBe(3);
  });

  it("gives up on a 503 that lasts, with the endpoint's own message and the sample name", async () => {
    const s = await start({ metadata: nhwcU8, model: argmaxRgbModel, failFirst: 99 });
    const p = createHttpRunner({ config: { url: s.url, modelName: "seg" }, readImage: async () => image, ...fast }).predict(sample("city-0001"));
    await expect(p).rejects.toThrow(/^city-0001: http:\/\/127\.0\.0\.1:\d+ answered HTTP 503 Service Unavailable: model is loading, try again after 2 attempts\.$/);
  });

  it("times out a slow answer", async () => {
    const slow = await start({ metadata: nhwcU8, model: argmaxRgbModel, delayMs: 400 });
    const r2 = createHttpRunner({ config: { url: slow.url, modelName: "seg" }, readImage: async () => image, ...fast, timeoutMs: 100 });
    await expect(r2.predict(sample())).rejects.toThrow(/^img-1: .*could not reach http:\/\/127\.0\.0\.1:\d+ \(no answer within 100 ms\)/);
  });

  it.each([false, true])("refuses a wrong output shape (binary=%s)", async (binary) => {
    const s = await start({
      metadata: nhwcU8,
      binary,
      model: (input) => ({ ...argmaxRgbModel(input), shape: [1, input.shape[1] + 1, input.shape[2]] }),
    });
    const p = createHttpRunner({ config: { url: s.url, modelName: "seg" }, readImage: async () => image, ...fast }).predict(sample());
    await expect(p).rejects.toThrow(binary ? /^img-1: .*output "ids" has 3128 bytes but shape \[1, 18, 23\] of INT64 needs 3312/ : /^img-1: .*output "ids" has 391 values but shape \[1, 18, 23\] needs 414/);
  });

  it("a dead port fails with the sample name and the reason, no stack, no header", async () => {
    const port = await new Promise<number>((r) => {
      const srv = createServer().listen(0, "127.0.0.1", () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => r(p));
      });
    });
    const log = vi.spyOn(console, "error");
    const runner = createHttpRunner({ config: { url: `http://user:pw@127.0.0.1:${port}/`, modelName: "seg", headers: { Authorization: "Bearer s3cret" } }, readImage: async () => image, ...fast });
    const err = (await runner.predict(sample("city-0001")).then(() => null, (e: Error) => e)) as Error;
    expect(err.message).toMatch(/^city-0001: model "seg" metadata: could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) after 2 attempts\.$/);
    expect(err.message).not.toMatch(/s3cret|pw|\n\s+at /);
    expect(log).not.toHaveBeenCalled();
  });

  it("keeps at most `concurrency` requests in flight and yields every sample", async () => {
    const s = await start({ metadata: nhwcU8, model: argmaxRgbModel, delayMs: 40 });
    const runner = createHttpRunner({ config: { url: s.url, modelName: "seg" }, readImage: async () => image, concurrency: 3 });
    const names: string[] = [];
    for await (const o of runner.predictMany(Array.from({ length: 9 }, (_, i) => sample(`s${i}`)), 5)) {
      expect(o.error).toBeUndefined();
      names.push(o.sample.name);
    }
    expect(names).toHaveLength(9);
    expect(s.stats.maxInFlight).toBe(3);
  });
});

describe("http runner after close (a cancelled or failed run)", () => {
  it("sends no further request: samples in flight and queued ones end at once, none is retried", async () => {
    const s = await start({ metadata: nhwcU8, model: argmaxRgbModel, delayMs: 300 });
    const runner = createHttpRunner({ config: { url: s.url, modelName: "seg" }, readImage: async () => image, concurrency: 2, backoffMs: 5, retries: 3 });
    const outcomes = runner.predictMany(Array.from({ length: 6 }, (_, i) => sample(`s${i}`)), 4);
    const first = outcomes.next();
    await expect.poll(() => s.stats.infers).toBe(2);
    await runner.close();
    await outcomes.return(undefined);
    await first;
    const sent = s.stats.infers;
    await new Promise((r) => setTimeout(r, 500));
    expect(s.stats.infers).toBe(sent);
    expect(sent).toBe(2);
  });
});

describe("testConnection", () => {
  it("reports the signature and a probe prediction", async () => {
    const s = await start({ metadata: nhwcU8, model: argmaxRgbModel });
    const report = await testConnection({ url: s.url, modelName: "seg" });
    expect(report).toMatchObject({ modelName: "seg", binary: true, probe: { width: 64, height: 48, labels: [0] } });
    expect(report.signature.inputs[0]).toEqual({ name: "image", type: "uint8", dims: ["?", "?", "?", 3] });
  });
  it("names a missing model and a config that does not fit", async () => {
    const s = await start({ metadata: nhwcU8, model: argmaxRgbModel });
    await expect(testConnection({ url: s.url, modelName: "nope" })).rejects.toThrow(/answered HTTP 404 Not Found: no route \/v2\/models\/nope/);
    await expect(testConnection({ url: s.url, modelName: "seg", preprocess: { input: { layout: "nchw", size: null, sizeMultiple: 32, resize: "none", channels: "rgb", dtype: "uint8", scale: 1, mean: [0, 0, 0], std: [1, 1, 1] }, output: { kind: "ids", threshold: 0.5 } } }))
      .rejects.toThrow(/set layout to "nhwc"/);
  });
  it("without a config, refuses a fixed score channel count that is not the class list's before any image is sent (probe or not)", async () => {
    const s = await start({
      metadata: { name: "seg", inputs: [{ name: "x", datatype: "FP32", shape: [1, 3, 144, 192] }], outputs: [{ name: "s", datatype: "FP32", shape: [1, 9, 144, 192] }] },
      model: () => ({ datatype: "FP32", shape: [1, 9, 144, 192], data: new Float32Array(9 * 144 * 192) }),
    });
    for (const probe of [false, true]) {
      const error = await testConnection({ url: s.url, modelName: "seg" }, { probe, classCount: 3 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/: The model output has 9 score channels but the model version declares 3 classes/) });
      expect((error as { fieldErrors?: Record<string, string[]> }).fieldErrors?.config?.[0]).toMatch(/^The model output has 9 score channels/);
    }
    expect(s.stats.infers).toBe(0);
    expect((await testConnection({ url: s.url, modelName: "seg" }, { probe: false, classCount: 9 })).signature.outputs[0].dims).toEqual([1, 9, 144, 192]);
  });
});
