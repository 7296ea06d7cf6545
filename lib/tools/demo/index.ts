/**
 * Synthetic demo data for Intersect's demo workspace: deterministic street
 * scenes and dermatology lesion images (RGB + label map + tags + metadata),
 * simulated model predictions per model version, and PNG helpers. Pure
 * TypeScript (no fs, no db); the seed script decides where bytes go.
 */
export {
  DEMO_CLASSES,
  DEMO_IGNORE_INDEX,
  DEMO_INVALID_LABEL,
  DEMO_LESION_CLASSES,
  LESION_TAGS,
  STREET_TAGS,
  type DemoClass,
  type DemoScene,
  type LesionTag,
  type StreetTag,
} from "./classes";
export { generateScene, type SceneOptions, type StreetScenario } from "./street-scene";
export { predictFromScene } from "./predict";
export { DEMO_MODEL_NAME, DEMO_MODEL_VERSIONS, type DemoModelVersion, type ModelQuality } from "./model-versions";
export { generateLesionScene, type LesionOptions } from "./lesion-scene";
export { DEMO_LESION_MODEL_NAME, DEMO_LESION_MODEL_VERSIONS, predictLesionScene } from "./lesion-predict";
export { colorizeMask, encodeMaskPng, encodeRgbPng } from "./png";
export { mixSeed, mulberry32 } from "./prng";
