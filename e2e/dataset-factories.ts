/**
 * Archives for the browser upload tests: the e2e dataset folder packed as a
 * .zip, with one mask carrying an undeclared value (9) so the mapping step
 * has something to map.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { encode } from "fast-png";
import { writeZip } from "../lib/core/import/zip-writer";
import { IMAGE_HEIGHT, IMAGE_WIDTH, labelMap, tempDir, writeDatasetFolder, type SampleSpec } from "./dataset-files";

/** Zips a dataset of `samples`; the first sample's mask gets value 9 in its top-left 4x4 corner. Returns the .zip path. */
export function writeDatasetArchive(samples: readonly SampleSpec[], { undeclared = true, sidecars = true }: { undeclared?: boolean; sidecars?: boolean } = {}): string {
  const dir = writeDatasetFolder(samples);
  if (undeclared) {
    const mask = labelMap(samples[0].seed);
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) mask[y * IMAGE_WIDTH + x] = 9;
    writeFileSync(path.join(dir, "masks", `${samples[0].name}.png`), encode({ width: IMAGE_WIDTH, height: IMAGE_HEIGHT, data: mask, channels: 1, depth: 8 }));
  }
  const entries = [...(sidecars ? ["classes.json", "tags.json"] : []), ...["images", "masks"].flatMap((sub) => readdirSync(path.join(dir, sub)).map((f) => `${sub}/${f}`))].map((name) => ({
    name: `dataset/${name}`,
    data: new Uint8Array(readFileSync(path.join(dir, name))),
  }));
  const file = path.join(tempDir("archive"), "dataset.zip");
  writeFileSync(file, writeZip(entries));
  return file;
}
