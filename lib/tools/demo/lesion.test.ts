import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { DEMO_INVALID_LABEL, DEMO_LESION_CLASSES } from "./classes";
import { DEMO_LESION_MODEL_VERSIONS, predictLesionScene } from "./lesion-predict";
import { generateLesionScene } from "./lesion-scene";

const SIZE = { width: 128, height: 96 };

/** Lesion IoU (class 1) summed over a set of images, independent of lib/core/metrics. */
function lesionIou(pairs: [Uint8Array, Uint8Array][]): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [gt, pred] of pairs) {
    for (let i = 0; i < gt.length; i++) {
      const g = gt[i] === 1;
      const p = pred[i] === 1;
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
  }
  return tp / (tp + fp + fn);
}

describe("generateLesionScene", () => {
  it("is deterministic and binary, with both classes in every image", () => {
    for (const seed of [0, 1, 42]) {
      const a = generateLesionScene(seed, SIZE);
      const b = generateLesionScene(seed, SIZE);
      expect(Buffer.from(a.image).equals(Buffer.from(b.image))).toBe(true);
      expect(Buffer.from(a.mask).equals(Buffer.from(b.mask))).toBe(true);
      expect(a.tags).toEqual(b.tags);
      expect(a.image.length).toBe(SIZE.width * SIZE.height * 3);
      expect([...new Set(a.mask)].sort()).toEqual(DEMO_LESION_CLASSES.map((c) => c.index));
      expect(a.metadata.domain).toBe("dermatology");
    }
  });

  it("draws about 30 % hair-occlusion and 25 % low-contrast", () => {
    const n = 300;
    let hair = 0;
    let low = 0;
    for (let seed = 0; seed < n; seed++) {
      const t = generateLesionScene(seed, { width: 32, height: 32 }).tags;
      if (t.includes("hair-occlusion")) hair++;
      if (t.includes("low-contrast")) low++;
    }
    expect(hair / n).toBeGreaterThan(0.22);
    expect(hair / n).toBeLessThan(0.38);
    expect(low / n).toBeGreaterThan(0.17);
    expect(low / n).toBeLessThan(0.33);
  });

  it("makes the lesion darker than the skin, less so on low-contrast images", () => {
    const contrast = (seed: number) => {
      const s = generateLesionScene(seed, SIZE);
      const sum = [0, 0];
      const cnt = [0, 0];
      for (let i = 0; i < s.mask.length; i++) {
        sum[s.mask[i]] += s.image[3 * i] + s.image[3 * i + 1] + s.image[3 * i + 2];
        cnt[s.mask[i]]++;
      }
      return { ratio: sum[1] / cnt[1] / (sum[0] / cnt[0]), low: s.tags.includes("low-contrast") };
    };
    const all = Array.from({ length: 40 }, (_, seed) => contrast(seed));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const normal = avg(all.filter((c) => !c.low).map((c) => c.ratio));
    const low = avg(all.filter((c) => c.low).map((c) => c.ratio));
    expect(normal).toBeLessThan(0.85);
    expect(low).toBeGreaterThan(normal);
  });
});

describe("predictLesionScene", () => {
  const scenes = Array.from({ length: 40 }, (_, seed) => generateLesionScene(seed, SIZE));

  it("is deterministic and predicts 0, 1 or 254", () => {
    const q = DEMO_LESION_MODEL_VERSIONS[0].quality;
    const a = predictLesionScene(scenes[3], q, 9);
    expect(Buffer.from(a).equals(Buffer.from(predictLesionScene(scenes[3], q, 9)))).toBe(true);
    for (const s of scenes) for (const v of new Set(predictLesionScene(s, q, 1))) expect([0, 1, DEMO_INVALID_LABEL]).toContain(v);
  });

  it("ranks v2 above v1, and hair hurts v1 more than v2", () => {
    const [v1, v2] = DEMO_LESION_MODEL_VERSIONS.map((v) => v.quality);
    const iou = (q: typeof v1, keep: (tags: string[]) => boolean) =>
      lesionIou(scenes.filter((s) => keep(s.tags)).map((s, i) => [s.mask, predictLesionScene(s, q, i)]));
    const all = () => true;
    expect(iou(v2, all)).toBeGreaterThan(iou(v1, all) + 0.05);
    const hair = (t: string[]) => t.includes("hair-occlusion") && !t.includes("low-contrast");
    const clean = (t: string[]) => t.length === 0;
    expect(iou(v1, clean) - iou(v1, hair)).toBeGreaterThan(iou(v2, clean) - iou(v2, hair));
  });

  it("rejects a street-sized quality", () => {
    const bad = { classStrength: new Array(9).fill(1), tagRobustness: {}, invalidLabelRate: 0 };
    expect(() => predictLesionScene(scenes[0], bad, 1)).toThrow(AppError);
  });
});
