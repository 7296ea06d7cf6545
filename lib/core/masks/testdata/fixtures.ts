/**
 * Test-only access to files: the shared datasets (never copied into the repo)
 * and committed fixtures. lib/core/masks itself stays free of fs; only tests and the
 * hand-run benchmark import this file.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
export const datasetsDir = path.resolve(repoRoot, "../shared/datasets");
export const datasetsExist = existsSync(datasetsDir);

if (!datasetsExist) {
  console.warn(`lib/core/masks tests: ${datasetsDir} is absent, skipping the tests on real dataset masks`);
}

/** Reads a file as a plain Uint8Array. */
export function readBytes(file: string): Uint8Array {
  const buf = readFileSync(file);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
}

/** Sorted `.png` file names in a folder under the shared datasets. */
export function listPngs(folder: string): string[] {
  return readdirSync(path.join(datasetsDir, folder))
    .filter((name) => name.endsWith(".png"))
    .sort();
}
