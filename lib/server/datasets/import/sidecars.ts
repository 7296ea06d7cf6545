import "server-only";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/core/errors";
import { dirOf, joinRel } from "@/lib/core/import/entry-path";
import { formatBytes, type ImportLimits } from "./limits";

/** Names of the sidecars looked for at the layout root (and the source root). */
export const CLASSES_FILES = ["classes.json"];
export const LABELMAP_FILES = ["labelmap.txt"];
export const TAGS_FILES = ["tags.json", "tags.csv"];

/** True for small text files a planner reads: VOC split lists and the known sidecar names. */
export function isSidecar(rel: string): boolean {
  const base = rel.slice(rel.lastIndexOf("/") + 1);
  if ([...CLASSES_FILES, ...LABELMAP_FILES, ...TAGS_FILES].includes(base)) return true;
  return /(^|\/)ImageSets\/Segmentation\/[^/]+\.txt$/.test(rel);
}

/** Reads one text sidecar, bounded by `limits.sidecarBytes`. */
export async function readSidecar(full: string, label: string, limits: ImportLimits): Promise<string> {
  const info = await stat(full);
  if (info.size > limits.sidecarBytes) {
    throw new AppError("too_large", `${label}: ${formatBytes(info.size)} is more than ${formatBytes(limits.sidecarBytes)} allowed for a text file (IMPORT_MAX_SIDECAR_BYTES).`);
  }
  return readFile(full, "utf8");
}

/** Text of every sidecar in the file list, by relative path. */
export async function readSidecars(root: string, files: readonly string[], limits: ImportLimits): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const rel of files.filter(isSidecar)) texts[rel] = await readSidecar(path.join(root, rel), rel, limits);
  return texts;
}

/** The first of `names` found at the layout root, then at each folder above it up to the source root. */
export function findSidecar(texts: Record<string, string>, layoutRoot: string, names: readonly string[]): { rel: string; text: string } | null {
  for (let dir = layoutRoot; ; dir = dirOf(dir)) {
    for (const name of names) {
      const rel = joinRel(dir, name);
      if (texts[rel] !== undefined) return { rel, text: texts[rel] };
    }
    if (dir === "") return null;
  }
}
