import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { writeZip, type ZipEntryInput } from "@/lib/core/import/zip-writer";
import { DEMO_CLASSES, DEMO_IGNORE_INDEX, DEMO_MODEL_VERSIONS, encodeMaskPng, encodeRgbPng, generateScene, predictFromScene } from "@/lib/tools/demo";
import { writeTarGz } from "./tar-gz";

export interface SampleDatasetOptions {
  /** Folder to write into (created if needed). */
  out: string;
  /** Number of image/mask pairs (default 12). */
  count?: number;
  width?: number;
  height?: number;
  /** Also pack the dataset (without predictions) as `<out>/sample-dataset.zip` or `.tar.gz`. */
  archive?: "zip" | "tar.gz";
  seed?: number;
}

/**
 * Writes a small, realistic street-scene dataset for the README's "Bring your
 * own data" example: `images/*.png`, `masks/*.png` (class indices, 255 =
 * void), `classes.json`, `tags.json` (occluded, low-light, night,
 * unusual-perspective) and `predictions/*.png` from the demo's v1 model, plus
 * optionally an archive of the dataset. Deterministic for a given seed.
 */
export async function writeSampleDataset(opts: SampleDatasetOptions): Promise<{ files: string[]; archive?: string }> {
  const { out, count = 12, width = 320, height = 240, seed = 1 } = opts;
  const entries: ZipEntryInput[] = [];
  const tags: Record<string, string[]> = {};
  const model = DEMO_MODEL_VERSIONS[0];
  const predictions: [string, Uint8Array][] = [];
  for (let i = 0; i < count; i++) {
    const scene = generateScene(seed * 1000 + i, { width, height });
    const name = `street_${String(i + 1).padStart(3, "0")}`;
    entries.push({ name: `images/${name}.png`, data: encodeRgbPng(scene.image, width, height) });
    entries.push({ name: `masks/${name}.png`, data: encodeMaskPng(scene.mask, width, height) });
    predictions.push([`predictions/${name}.png`, encodeMaskPng(predictFromScene({ ...scene, name }, model.quality, seed), width, height)]);
    tags[name] = scene.tags;
  }
  const classes = { classes: DEMO_CLASSES.map((c) => ({ name: c.name, color: [...c.color] })), ignore_index: DEMO_IGNORE_INDEX };
  const text = new TextEncoder();
  entries.push({ name: "classes.json", data: text.encode(`${JSON.stringify(classes, null, 2)}\n`) });
  entries.push({ name: "tags.json", data: text.encode(`${JSON.stringify(tags, null, 2)}\n`) });
  for (const e of [...entries, ...predictions.map(([name, data]) => ({ name, data }))]) {
    await mkdir(path.dirname(path.join(out, e.name)), { recursive: true });
    await writeFile(path.join(out, e.name), e.data!);
  }
  const files = [...entries.map((e) => e.name), ...predictions.map(([n]) => n)];
  if (!opts.archive) return { files };
  const archive = path.join(out, opts.archive === "zip" ? "sample-dataset.zip" : "sample-dataset.tar.gz");
  const wrapped = entries.map((e) => ({ name: `sample-dataset/${e.name}`, data: e.data! }));
  if (opts.archive === "zip") await writeFile(archive, writeZip(wrapped));
  else await writeTarGz(archive, wrapped);
  return { files, archive };
}
