import { describe, it, expect } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { decode } from "fast-png";
import { aggregate, type ImageResult } from "./aggregate";
import { bootstrapMiou, pairedBootstrapMiouDiff } from "./bootstrap";
import { accumulateBoundary, createBoundaryCounts, mergeBoundary } from "./boundary";
import { accumulate, createConfusion, type ConfusionMatrix } from "./confusion";
import { perturbCamvid, secondPredictionCamvid } from "./golden/perturb";
import type { ClassScores } from "./scores";
import { disableWasmKernels, initWasmKernels } from "@/lib/core/wasm/kernels";
import { kernelWasmBytes } from "@/lib/core/wasm/testdata/load-kernels";

/**
 * Golden test: our engine on CamVid val (101 masks, perturbed as in
 * golden/perturb.ts) against golden/camvid-golden.json, written by the
 * independent numpy script golden/camvid_golden.py (command at its top).
 * Ratios agree to 1e-9, counts exactly; null in the JSON means NaN here.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../../..");
const maskDir = path.resolve(repoRoot, "../shared/datasets/camvid/val/masks");
const hasData = existsSync(maskDir);
if (!hasData) console.warn(`camvid golden test skipped: ${maskDir} is absent (the shared datasets live beside the repo)`);

const N = 11;
const VOID = 11;
const TOL = 1e-9;

type Num = number | null;
interface Golden {
  images: string[];
  datasetLevel: {
    perClass: Record<keyof ClassScores, Num>[];
    miou: Num; mdice: Num; pixelAccuracy: Num; meanClassAccuracy: Num; fwIou: Num;
    evaluatedPixels: number; invalidPredictions: number[];
  };
  perImageMean: { miou: Num; mdice: Num; pixelAccuracy: Num; perClassIou: Num[] };
  perImage: { name: string; miou: Num; mdice: Num; pixelAccuracy: Num; perClassIou: Num[] }[];
  threshold: { t: number; correct: number; total: number; share: number; perClass: { correct: number; total: number }[] };
  imagesPresent: number[];
  boundary: { intersection: number[]; union: number[]; perClass: Num[]; mean: Num };
  bootstrap: { resamples: number; seed: number; confidence: number; miou: Interval; perClass: Interval[] };
  paired: Interval & { signFlipShare: number; resamples: number; seed: number };
}
interface Interval { estimate: Num; low: Num; high: Num }

/** |actual - expected| <= 1e-9, or NaN where the numpy result is null. */
function close(actual: number, expected: Num, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNaN();
    return;
  }
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(TOL);
}

function closeInterval(actual: { estimate: number; low: number; high: number }, expected: Interval, what: string): void {
  close(actual.estimate, expected.estimate, `${what} estimate`);
  close(actual.low, expected.low, `${what} low`);
  close(actual.high, expected.high, `${what} high`);
}

describe.skipIf(!hasData)("CamVid golden (numpy reference)", () => {
  const golden = JSON.parse(readFileSync(path.join(here, "golden/camvid-golden.json"), "utf8")) as Golden;
  const names = hasData ? readdirSync(maskDir).filter((f) => f.endsWith(".png")).sort() : [];
  const images: ImageResult[] = [];
  const second: ConfusionMatrix[] = [];
  const opts = { numClasses: N, ignoreValues: [VOID] };
  names.forEach((name, i) => {
    const png = decode(readFileSync(path.join(maskDir, name)));
    const raw = png.data as Uint8Array;
    if (png.channels !== 1 || png.depth !== 8) throw new Error(`${name}: expected an 8-bit grey mask`);
    const { gt, pred } = perturbCamvid(raw, png.width, png.height, i);
    const confusion = createConfusion(N);
    accumulate(confusion, gt, pred, opts);
    const boundary = createBoundaryCounts(N);
    accumulateBoundary(boundary, { width: png.width, height: png.height, data: gt }, { width: png.width, height: png.height, data: pred }, opts);
    images.push({ name, confusion, boundary });
    const b = createConfusion(N);
    accumulate(b, gt, secondPredictionCamvid(raw, png.width, png.height, i), opts);
    second.push(b);
  });
  const agg = aggregate(images, N);

  it("reads the same 101 masks", () => {
    expect(names).toEqual(golden.images);
    expect(names.length).toBe(101);
  });

  it("dataset-level scores", () => {
    const d = agg.datasetLevel;
    d.perClass.forEach((c, k) => {
      const g = golden.datasetLevel.perClass[k];
      for (const key of ["iou", "dice", "precision", "recall"] as const) close(c[key], g[key], `class ${k} ${key}`);
      expect([c.tp, c.fp, c.fn, c.gtPixels, c.predPixels]).toEqual([g.tp, g.fp, g.fn, g.gtPixels, g.predPixels]);
    });
    for (const key of ["miou", "mdice", "pixelAccuracy", "meanClassAccuracy", "fwIou"] as const) close(d[key], golden.datasetLevel[key], key);
    expect(d.evaluatedPixels).toBe(golden.datasetLevel.evaluatedPixels);
    expect(d.invalidPredictions).toEqual(golden.datasetLevel.invalidPredictions);
    expect(d.invalidPredictions.every((v) => v > 0)).toBe(true);
  });

  it("per-image scores and their mean, with undefined per-image IoUs", () => {
    agg.perImage.forEach((p, i) => {
      const g = golden.perImage[i];
      expect(p.name).toBe(g.name);
      for (const key of ["miou", "mdice", "pixelAccuracy"] as const) close(p[key], g[key], `${p.name} ${key}`);
      p.perClassIou.forEach((v, k) => close(v, g.perClassIou[k], `${p.name} class ${k}`));
    });
    expect(agg.perImage.some((p) => p.perClassIou.some(Number.isNaN))).toBe(true);
    for (const key of ["miou", "mdice", "pixelAccuracy"] as const) close(agg.perImageMean[key], golden.perImageMean[key], `per-image mean ${key}`);
    agg.perImageMean.perClassIou.forEach((v, k) => close(v, golden.perImageMean.perClassIou[k], `per-image mean class ${k}`));
  });

  it("threshold share and images present", () => {
    expect({ ...agg.threshold, share: 0 }).toEqual({ ...golden.threshold, share: 0 });
    close(agg.threshold.share, golden.threshold.share, "threshold share");
    expect(agg.imagesPresent).toEqual(golden.imagesPresent);
  });

  it("boundary IoU", () => {
    const sum = createBoundaryCounts(N);
    for (const im of images) mergeBoundary(sum, im.boundary!);
    expect(Array.from(sum.intersection)).toEqual(golden.boundary.intersection);
    expect(Array.from(sum.union)).toEqual(golden.boundary.union);
    agg.boundary!.perClass.forEach((v, k) => close(v, golden.boundary.perClass[k], `boundary class ${k}`));
    close(agg.boundary!.mean, golden.boundary.mean, "boundary mean");
  });

  it("boundary IoU and pair counts through the WebAssembly kernels", () => {
    expect(initWasmKernels(kernelWasmBytes())).toBe(true);
    try {
      const sum = createBoundaryCounts(N);
      const confusion = createConfusion(N);
      names.forEach((name, i) => {
        const png = decode(readFileSync(path.join(maskDir, name)));
        const { gt, pred } = perturbCamvid(png.data as Uint8Array, png.width, png.height, i);
        accumulate(confusion, gt, pred, opts);
        accumulateBoundary(sum, { width: png.width, height: png.height, data: gt }, { width: png.width, height: png.height, data: pred }, opts);
      });
      expect(Array.from(sum.intersection)).toEqual(golden.boundary.intersection);
      expect(Array.from(sum.union)).toEqual(golden.boundary.union);
      const tp = golden.datasetLevel.perClass.map((c) => c.tp);
      expect(Array.from({ length: N }, (_, k) => confusion.counts[k * (N + 1) + k])).toEqual(tp);
    } finally {
      disableWasmKernels();
    }
  });

  it("bootstrap interval (mulberry32 ported to the script)", () => {
    const g = golden.bootstrap;
    const res = bootstrapMiou(images.map((im) => im.confusion), { resamples: g.resamples, seed: g.seed, confidence: g.confidence });
    closeInterval(res.miou, g.miou, "bootstrap mIoU");
    res.perClass.forEach((iv, k) => closeInterval(iv, g.perClass[k], `bootstrap class ${k}`));
  });

  it("paired bootstrap of the difference", () => {
    const g = golden.paired;
    const res = pairedBootstrapMiouDiff(images.map((im) => im.confusion), second, { resamples: g.resamples, seed: g.seed });
    closeInterval(res, g, "paired difference");
    expect(res.signFlipShare).toBe(g.signFlipShare);
    expect(res.signFlipShare).toBeGreaterThan(0);
  });
});
