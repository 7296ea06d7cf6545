import { AppError } from "@/lib/core/errors";
import { BUILDING, CAR, DEMO_CLASSES, PERSON, POLE, ROAD, SIDEWALK, SIGN, SKY, VEGETATION, type DemoScene } from "./classes";
import { degradeLabels } from "./degrade";
import type { ModelQuality } from "./model-versions";
import { mixSeed, mulberry32 } from "./prng";
import { checkQuality } from "./validate";

/**
 * Simulated street-model predictions. Which classes each scenario tag hurts
 * (1 = fully, 0.3 = a little): low light and night hurt everything,
 * occlusion mostly cars and people, an unusual perspective mostly the
 * ground and buildings (the layout prior breaks).
 */
const TAG_FOCUS: Record<string, readonly number[]> = {
  "low-light": [0.6, 1, 1, 1, 1, 1, 1, 1, 1],
  night: [0.6, 1, 1, 1, 1, 1, 1, 1, 1],
  occluded: [0.2, 0.3, 0.3, 0.3, 0.3, 1, 1, 0.5, 0.5],
  "unusual-perspective": [0.6, 1, 1, 1, 0.6, 0.7, 0.7, 0.7, 0.7],
};

/** Blob confusions: sidewalk↔road, building↔vegetation, sky→building, poles/signs/people/cars lost to what surrounds them. */
const CONFUSION: number[] = [];
CONFUSION[SKY] = BUILDING;
CONFUSION[BUILDING] = VEGETATION;
CONFUSION[ROAD] = SIDEWALK;
CONFUSION[SIDEWALK] = ROAD;
CONFUSION[VEGETATION] = BUILDING;
CONFUSION[CAR] = -1;
CONFUSION[PERSON] = -1;
CONFUSION[POLE] = -1;
CONFUSION[SIGN] = POLE;

/** Boundary shift and blob size per class: thin things move fewer pixels and lose smaller pieces. */
const SIZE_SCALE = [1, 1.2, 1, 1.4, 1.3, 0.8, 0.5, 0.6, 0.55];

/**
 * Applies a quality's tag robustness to its class strengths for an image
 * with the given tags: strength × Π over tags of (1 − (1 − robustness) × focus).
 */
export function effectiveStrength(quality: ModelQuality, tags: readonly string[], focus: Record<string, readonly number[]>): Float32Array {
  const s = Float32Array.from(quality.classStrength);
  for (const tag of tags) {
    const r = quality.tagRobustness[tag];
    if (r === undefined) continue;
    const f = focus[tag];
    for (let k = 0; k < s.length; k++) s[k] *= 1 - (1 - r) * (f ? (f[k] ?? 1) : 1);
  }
  return s;
}

/**
 * Simulates a street-segmentation model on a scene from `generateScene`:
 * returns a predicted label map (w*h) that degrades the ground truth per
 * class (edge erosion, blob confusions such as sidewalk↔road, lost poles,
 * signs and people), worse on `low-light`, `night`, `occluded` and
 * `unusual-perspective` scenes, with an occasional blob of the out-of-range
 * label 254. Deterministic for (scene, quality, seed); using one seed for
 * every version gives paired comparisons.
 */
export function predictFromScene(scene: DemoScene, quality: ModelQuality, seed: number): Uint8Array {
  checkQuality("predictFromScene", quality, DEMO_CLASSES.length);
  if (scene.mask.length !== scene.width * scene.height) {
    throw new AppError("invalid_input", `predictFromScene: ${scene.name}: mask length does not match ${scene.width}x${scene.height}`);
  }
  const rng = mulberry32(mixSeed("street-predict", seed, scene.name));
  return degradeLabels(
    scene.mask,
    scene.width,
    scene.height,
    {
      strength: effectiveStrength(quality, scene.tags, TAG_FOCUS),
      confusion: CONFUSION,
      maxEdgeShift: Math.max(1.5, Math.min(scene.width, scene.height) * 0.015),
      sizeScale: SIZE_SCALE,
      voidPrefer: [SIGN, PERSON, CAR],
      blobRate: 2.5,
      blobSize: 0.12,
      invalidRate: quality.invalidLabelRate,
    },
    rng,
  );
}
