/**
 * Tiny generated datasets on disk, in the admin CLI's import layout:
 * `images/<name>.png`, `masks/<name>.png` (8-bit label maps), `classes.json`,
 * `tags.json`; and prediction folders (`<name>.png`) for a model version.
 * Every sample is drawn from its index, so a name always means the same
 * pixels, and predictions miss by a few pixels so scores are neither 0 nor 1.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "fast-png";

export const E2E_CLASSES = [
  { name: "background", color: [0, 0, 0] },
  { name: "road", color: [128, 64, 128] },
  { name: "car", color: [0, 0, 142] },
  { name: "traffic sign", color: [220, 220, 0] },
] as const;

export const IMAGE_WIDTH = 48;
export const IMAGE_HEIGHT = 32;

export interface SampleSpec {
  name: string;
  /** Decides the layout of the scene. */
  seed: number;
  tags: string[];
}

/** Label map of a sample; `miss` shifts the car and drops half the sign, as a model's error. */
export function labelMap(seed: number, miss = 0): Uint8Array {
  const mask = new Uint8Array(IMAGE_WIDTH * IMAGE_HEIGHT);
  const carX = 4 + ((seed * 7) % 20) + miss;
  const signX = 36 - (seed % 5);
  for (let y = 0; y < IMAGE_HEIGHT; y++) {
    for (let x = 0; x < IMAGE_WIDTH; x++) {
      let c = y >= IMAGE_HEIGHT / 2 ? 1 : 0;
      if (y >= 12 && y < 22 && x >= carX && x < carX + 14) c = 2;
      if (y >= 2 && y < 8 && x >= signX && x < signX + (miss ? 3 : 6)) c = 3;
      mask[y * IMAGE_WIDTH + x] = c;
    }
  }
  return mask;
}

function imageOf(mask: Uint8Array, seed: number): Uint8Array {
  const rgb = new Uint8Array(mask.length * 3);
  for (let i = 0; i < mask.length; i++) {
    const [r, g, b] = E2E_CLASSES[mask[i]].color;
    const noise = (i * 31 + seed * 17) % 23;
    rgb.set([Math.min(255, r + noise), Math.min(255, g + noise), Math.min(255, b + noise)], i * 3);
  }
  return rgb;
}

const grey = (mask: Uint8Array) => encode({ width: IMAGE_WIDTH, height: IMAGE_HEIGHT, data: mask, channels: 1, depth: 8 });

/** A fresh temp folder for generated files. */
export function tempDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `intersect-e2e-${label}-`));
}

/** Writes the class list in the admin CLI's object format; returns its path. */
export function writeClasses(dir: string): string {
  const file = path.join(dir, "classes.json");
  writeFileSync(file, JSON.stringify({ classes: E2E_CLASSES.map((c) => ({ name: c.name, color: c.color })) }));
  return file;
}

/** Writes one dataset version folder (images, masks, classes.json, tags.json); returns the folder. */
export function writeDatasetFolder(samples: readonly SampleSpec[]): string {
  const dir = tempDir("dataset");
  mkdirSync(path.join(dir, "images"));
  mkdirSync(path.join(dir, "masks"));
  for (const s of samples) {
    const mask = labelMap(s.seed);
    writeFileSync(path.join(dir, "images", `${s.name}.png`), encode({ width: IMAGE_WIDTH, height: IMAGE_HEIGHT, data: imageOf(mask, s.seed), channels: 3, depth: 8 }));
    writeFileSync(path.join(dir, "masks", `${s.name}.png`), grey(mask));
  }
  writeClasses(dir);
  writeFileSync(path.join(dir, "tags.json"), JSON.stringify(Object.fromEntries(samples.map((s) => [s.name, s.tags]))));
  return dir;
}

/** Writes a predictions folder with one imperfect label map per sample; returns the folder. */
export function writePredictionsFolder(samples: readonly SampleSpec[], miss: number): string {
  const dir = tempDir("predictions");
  for (const s of samples) writeFileSync(path.join(dir, `${s.name}.png`), grey(labelMap(s.seed, miss)));
  return dir;
}
