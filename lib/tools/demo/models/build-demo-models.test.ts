import { describe, expect, it } from "vitest";
import { accumulate, computeScores, createConfusion } from "@/lib/core/metrics";
import { inspectOnnxModel, createOnnxRunner } from "@/lib/server/models/onnx/onnx-runner";
import type { RunnerSample } from "@/lib/server/models/runner";
import { DEMO_IGNORE_INDEX, type DemoScene } from "../classes";
import { generateLesionScene } from "../lesion-scene";
import { encodeRgbPng } from "../png";
import { generateScene } from "../street-scene";
import { buildDemoModels, type DemoOnnxModel } from "./build-demo-models";

/** mIoU of a model on held-out scenes through the real onnx runner (PNG decode, preprocessing, resize back). */
async function heldOutMiou(model: DemoOnnxModel, scenes: DemoScene[]): Promise<number> {
  const runner = createOnnxRunner({ model: model.bytes, config: model.config, fileName: `${model.version}.onnx`, classCount: model.classes.length, readImage: async (s) => encodeRgbPng(scenes[Number(s.id)].image, scenes[0].width, scenes[0].height) });
  const cm = createConfusion(model.classes.length);
  const samples = scenes.map((s, i): RunnerSample => ({ id: String(i), name: s.name, imageSha256: "", width: s.width, height: s.height }));
  for await (const o of runner.predictMany(samples)) {
    if (o.error) throw o.error;
    accumulate(cm, scenes[Number(o.sample.id)].mask, o.prediction.data as Uint8Array, { numClasses: model.classes.length, ignoreValues: [DEMO_IGNORE_INDEX] });
  }
  await runner.close();
  return computeScores(cm).miou;
}

describe("buildDemoModels", () => {
  it("fits real street and lesion segmenters that load in onnxruntime and score sensibly on held-out images (street v3 > v2 > v1)", async () => {
    const t0 = performance.now();
    const models = await buildDemoModels();
    const buildMs = performance.now() - t0;
    expect(models.street.map((m) => m.version)).toEqual(["v1", "v2", "v3"]);
    expect(models.lesion.map((m) => m.version)).toEqual(["v1", "v2"]);
    const street = Array.from({ length: 16 }, (_, i) => ({ ...generateScene(500_000 + i, { width: 384, height: 288 }), name: `street-${i}` }));
    const lesion = Array.from({ length: 16 }, (_, i) => ({ ...generateLesionScene(600_000 + i, { width: 320, height: 240 }), name: `lesion-${i}` }));
    const lines: string[] = [];
    const miou: Record<string, number> = {};
    for (const [domain, list, test] of [["street", models.street, street], ["lesion", models.lesion, lesion]] as const) {
      for (const m of list) {
        const sig = await inspectOnnxModel(m.bytes, m.config, { fileName: `${m.version}.onnx`, classCount: m.classes.length });
        expect(sig.outputs[0].dims).toEqual([1, m.classes.length, m.config.input.size![0], m.config.input.size![1]]);
        miou[`${domain}-${m.version}`] = await heldOutMiou(m, test);
        lines.push(`${domain} ${m.version}: mIoU ${miou[`${domain}-${m.version}`].toFixed(3)} (${(m.bytes.length / 1e6).toFixed(2)} MB)`);
      }
    }
    console.info(`demo models built in ${(buildMs / 1000).toFixed(1)} s; held-out (16 images each): ${lines.join("; ")}`);
    expect(miou["street-v1"]).toBeGreaterThan(0.2);
    expect(miou["street-v2"]).toBeGreaterThan(miou["street-v1"] + 0.03);
    expect(miou["street-v3"]).toBeGreaterThan(miou["street-v2"] + 0.03);
    expect(miou["lesion-v1"]).toBeGreaterThan(0.4);
    expect(miou["lesion-v2"]).toBeGreaterThan(miou["lesion-v1"] + 0.1);
    expect(buildMs).toBeLessThan(60_000);
  }, 180_000);

  it("is deterministic", async () => {
    const [a, b] = [await buildDemoModels(), await buildDemoModels()];
    expect(Buffer.from(a.street[2].bytes).equals(Buffer.from(b.street[2].bytes))).toBe(true);
    expect(Buffer.from(a.lesion[1].bytes).equals(Buffer.from(b.lesion[1].bytes))).toBe(true);
  }, 180_000);
});
