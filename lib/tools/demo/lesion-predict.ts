import { AppError } from "@/lib/core/errors";
import { DEMO_LESION_CLASSES, type DemoScene } from "./classes";
import { degradeLabels } from "./degrade";
import type { DemoModelVersion, ModelQuality } from "./model-versions";
import { noiseTile, TILE, TILE_MASK } from "./noise";
import { effectiveStrength } from "./predict";
import { mixSeed, mulberry32 } from "./prng";
import { checkQuality } from "./validate";

/**
 * Simulated lesion-segmentation model for the dermatology demo. Errors:
 * the border drifts (the weaker class gives way), holes in the lesion and
 * false-positive patches on skin, and on `hair-occlusion` images dark hairs
 * near the lesion labelled as lesion; `low-contrast` mostly hurts the lesion.
 */

const TAG_FOCUS: Record<string, readonly number[]> = {
  "hair-occlusion": [1, 0.4],
  "low-contrast": [0.3, 1],
};

/** Name of the demo dermatology model whose versions are below. */
export const DEMO_LESION_MODEL_NAME = "lesionseg";

/** Two versions of the lesion model: v1 fooled by hair, v2 trained with hair augmentation. */
export const DEMO_LESION_MODEL_VERSIONS: readonly DemoModelVersion[] = [
  {
    version: "v1",
    label: "v1 baseline",
    description: "Baseline U-Net: segments hair as lesion and under-segments faint lesions.",
    quality: { classStrength: [0.8, 0.5], tagRobustness: { "hair-occlusion": 0.45, "low-contrast": 0.55 }, invalidLabelRate: 0.1 },
  },
  {
    version: "v2",
    label: "v2 hair-augmented",
    description: "Trained with synthetic hair and contrast augmentation: robust to hair, better borders.",
    quality: { classStrength: [0.9, 0.75], tagRobustness: { "hair-occlusion": 0.9, "low-contrast": 0.75 }, invalidLabelRate: 0.03 },
  },
];

/**
 * Predicts a lesion label map (0 skin, 1 lesion, now and then 254) for a
 * scene from `generateLesionScene`; deterministic for (scene, quality, seed).
 */
export function predictLesionScene(scene: DemoScene, quality: ModelQuality, seed: number): Uint8Array {
  checkQuality("predictLesionScene", quality, DEMO_LESION_CLASSES.length);
  const { width: w, height: h } = scene;
  if (scene.mask.length !== w * h || scene.image.length !== w * h * 3) {
    throw new AppError("invalid_input", `predictLesionScene: ${scene.name}: image or mask size does not match ${w}x${h}`);
  }
  const rng = mulberry32(mixSeed("lesion-predict", seed, scene.name));
  const strength = effectiveStrength(quality, scene.tags, TAG_FOCUS);
  const pred = degradeLabels(
    scene.mask,
    w,
    h,
    {
      strength,
      confusion: [1, 0],
      maxEdgeShift: Math.max(2, Math.min(w, h) * 0.06),
      sizeScale: [1, 1],
      voidPrefer: [1],
      blobRate: 1.5,
      blobSize: 0.07,
      invalidRate: quality.invalidLabelRate,
    },
    rng,
  );
  if (scene.tags.includes("hair-occlusion")) markHairs(scene, pred, 1 - strength[0], rng() * TILE, rng() * TILE);
  return pred;
}

/**
 * Labels hair pixels on the skin near the lesion as lesion: pixels darker
 * than 0.75x the mean skin brightness and darker still than the pixels 3 px
 * away on both sides (a thin line, not a dark vignette corner), within the
 * lesion's bounding box grown by a quarter of the image, kept where a smooth
 * noise is below 1.3 x `weakness` (whole hair segments flip together).
 */
function markHairs(scene: DemoScene, pred: Uint8Array, weakness: number, ox: number, oy: number): void {
  const { image, mask, width: w, height: h } = scene;
  let sum = 0;
  let n = 0;
  let x0 = w;
  let x1 = -1;
  let y0 = h;
  let y1 = -1;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1) {
      const x = i % w;
      const y = (i - x) / w;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
      continue;
    }
    sum += image[3 * i] + image[3 * i + 1] + image[3 * i + 2];
    n++;
  }
  if (n === 0 || x1 < 0) return;
  const grow = Math.round(Math.min(w, h) * 0.25);
  const limit = (0.75 * sum) / n;
  const lum = (i: number) => image[3 * i] + image[3 * i + 1] + image[3 * i + 2];
  const patch = noiseTile(24);
  const T = TILE;
  const M = TILE_MASK;
  for (let y = Math.max(3, y0 - grow); y < Math.min(h - 3, y1 + grow); y++) {
    const row = ((y + Math.floor(oy)) & M) * T;
    for (let x = Math.max(3, x0 - grow); x < Math.min(w - 3, x1 + grow); x++) {
      const i = y * w + x;
      if (mask[i] !== 0 || pred[i] !== 0) continue;
      const v = lum(i);
      if (v >= limit) continue;
      const thin = (lum(i - 3) > v * 1.25 && lum(i + 3) > v * 1.25) || (lum(i - 3 * w) > v * 1.25 && lum(i + 3 * w) > v * 1.25);
      if (thin && patch[row + ((x + Math.floor(ox)) & M)] < weakness * 1.3) pred[i] = 1;
    }
  }
}
