import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { DEMO_CLASSES, DEMO_IGNORE_INDEX, DEMO_INVALID_LABEL, SIGN, type DemoScene } from "./classes";
import { DEMO_MODEL_VERSIONS, type ModelQuality } from "./model-versions";
import { predictFromScene } from "./predict";
import { generateScene } from "./street-scene";

const K = DEMO_CLASSES.length;
const SIZE = { width: 192, height: 144 };

/** Dataset-level confusion counts, written independently of lib/core/metrics: [K x K] plus a spill column per GT class. */
function accumulate(cm: Float64Array, gt: Uint8Array, pred: Uint8Array): void {
  for (let i = 0; i < gt.length; i++) {
    const g = gt[i];
    if (g === DEMO_IGNORE_INDEX) continue;
    const p = pred[i];
    if (p < K) cm[g * K + p]++;
    else cm[K * K + g]++;
  }
}

function iouPerClass(cm: Float64Array): number[] {
  return Array.from({ length: K }, (_, k) => {
    let row = cm[K * K + k];
    let col = 0;
    for (let j = 0; j < K; j++) {
      row += cm[k * K + j];
      col += cm[j * K + k];
    }
    const tp = cm[k * K + k];
    return tp / (row + col - tp);
  });
}

function mean(xs: number[]): number {
  const ok = xs.filter((x) => Number.isFinite(x));
  return ok.reduce((a, b) => a + b, 0) / ok.length;
}

const scenes: DemoScene[] = Array.from({ length: 30 }, (_, seed) => generateScene(seed, SIZE));

describe("predictFromScene", () => {
  it("is deterministic for (scene, quality, seed) and varies with the seed", () => {
    const q = DEMO_MODEL_VERSIONS[0].quality;
    const a = predictFromScene(scenes[0], q, 5);
    const b = predictFromScene(scenes[0], q, 5);
    const c = predictFromScene(scenes[0], q, 6);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
  });

  it("predicts class indices, or 254 now and then, never void", () => {
    let invalidImages = 0;
    for (const [i, s] of scenes.entries()) {
      const p = predictFromScene(s, DEMO_MODEL_VERSIONS[0].quality, i);
      expect(p.length).toBe(s.mask.length);
      const seen = new Set(p);
      expect(seen.has(DEMO_IGNORE_INDEX)).toBe(false);
      for (const v of seen) expect(v < K || v === DEMO_INVALID_LABEL).toBe(true);
      if (seen.has(DEMO_INVALID_LABEL)) invalidImages++;
    }
    expect(invalidImages).toBeGreaterThan(0);
    expect(invalidImages).toBeLessThan(scenes.length / 2);
  });

  it("reproduces the ground truth for a perfect model", () => {
    const perfect: ModelQuality = { classStrength: new Array(K).fill(1), tagRobustness: {}, invalidLabelRate: 0 };
    const s = scenes[4];
    const p = predictFromScene(s, perfect, 1);
    let wrong = 0;
    for (let i = 0; i < p.length; i++) if (s.mask[i] !== DEMO_IGNORE_INDEX && p[i] !== s.mask[i]) wrong++;
    expect(wrong).toBe(0);
  });

  it("orders the versions v1 < v2 < v3 by mIoU, with v3 slightly worse than v2 on traffic signs", () => {
    const cms = DEMO_MODEL_VERSIONS.map(() => new Float64Array(K * K + K));
    scenes.forEach((s, seed) => DEMO_MODEL_VERSIONS.forEach((v, i) => accumulate(cms[i], s.mask, predictFromScene(s, v.quality, seed))));
    const ious = cms.map(iouPerClass);
    const miou = ious.map(mean);
    expect(miou[0]).toBeLessThan(miou[1] - 0.05);
    expect(miou[1]).toBeLessThan(miou[2] - 0.05);
    expect(miou[0]).toBeGreaterThan(0.4);
    expect(ious[2][SIGN]).toBeLessThan(ious[1][SIGN]);
    expect(ious[2][SIGN]).toBeGreaterThan(ious[1][SIGN] - 0.2);
    const versions = DEMO_MODEL_VERSIONS.map((v) => predictFromScene(scenes[0], v.quality, 0));
    expect(Buffer.from(versions[0]).equals(Buffer.from(versions[1]))).toBe(false);
    expect(Buffer.from(versions[1]).equals(Buffer.from(versions[2]))).toBe(false);
  });

  it("is worse on low-light scenes, and v2 stays weak there while v3 recovers", () => {
    const miouOf = (q: ModelQuality, lowLight: boolean) => {
      const cm = new Float64Array(K * K + K);
      for (let seed = 100; seed < 112; seed++) {
        const s = generateScene(seed, { ...SIZE, scenario: { lowLight, night: false, occluded: false, unusualPerspective: false } });
        accumulate(cm, s.mask, predictFromScene(s, q, seed));
      }
      return mean(iouPerClass(cm));
    };
    const [v1, v2, v3] = DEMO_MODEL_VERSIONS.map((v) => v.quality);
    const drop2 = miouOf(v2, false) - miouOf(v2, true);
    const drop3 = miouOf(v3, false) - miouOf(v3, true);
    expect(miouOf(v1, false) - miouOf(v1, true)).toBeGreaterThan(0.08);
    expect(drop2).toBeGreaterThan(0.1);
    expect(drop3).toBeLessThan(drop2 / 2);
  });

  it("rejects a quality with the wrong number of class strengths", () => {
    const bad: ModelQuality = { classStrength: [1, 1], tagRobustness: {}, invalidLabelRate: 0 };
    expect(() => predictFromScene(scenes[0], bad, 1)).toThrow(AppError);
    expect(() => predictFromScene(scenes[0], bad, 1)).toThrow(/predictFromScene: classStrength/);
  });
});
