import { AppError } from "@/lib/core/errors";
import { dirOf, extOf, isOsMetadataPath, joinRel } from "../entry-path";
import type { ImportProblem, PlanSample } from "../plan";

/** Extensions accepted for images (sharp reads them) and for masks (PNG label maps). */
export const IMAGE_EXTS = new Set([".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff"]);
export const MASK_EXTS = new Set([".png"]);

/** Input of every layout planner: the source's files and the small text sidecars already read. */
export interface LayoutInput {
  /** Every file below the source root, relative POSIX paths. */
  files: readonly string[];
  /** Text of small sidecar files by relative path (split lists, classes, labelmap, tags). */
  texts?: Readonly<Record<string, string>>;
  /** Keep only this split (VOC ImageSets name, or the Cityscapes/CamVid/ADE20K split folder). */
  split?: string;
  /** ADE20K: 0 ("other") becomes void and v becomes v - 1. Default true. */
  reduceZeroLabel?: boolean;
}

/** Every folder that holds a file, with all their ancestors ("" = the root). */
export function foldersOf(files: readonly string[]): Set<string> {
  const dirs = new Set<string>([""]);
  for (const file of files) {
    for (let d = dirOf(file); d !== "" && !dirs.has(d); d = dirOf(d)) dirs.add(d);
  }
  return dirs;
}

/** The shallowest folder D such that every `D/marker` is a folder; null when there is none. */
export function findRoot(dirs: ReadonlySet<string>, markers: readonly string[]): string | null {
  let best: string | null = null;
  let bestDepth = Infinity;
  for (const d of dirs) {
    if (!markers.every((m) => dirs.has(joinRel(d, m)))) continue;
    const depth = d === "" ? 0 : d.split("/").length;
    if (depth < bestDepth || (depth === bestDepth && best !== null && d < best)) {
      best = d;
      bestDepth = depth;
    }
  }
  return best;
}

/**
 * Files below `folder` (any depth) keyed by their path inside it without
 * extension, for the given extensions. Two files of one name (a.png and
 * a.jpg) are both left out, each with a problem: importing either would be a guess.
 */
export function filesUnder(
  files: readonly string[],
  folder: string,
  exts: ReadonlySet<string>,
  problems: ImportProblem[],
  what: string,
): Map<string, string> {
  const prefix = `${folder}/`;
  const out = new Map<string, string>();
  /** The first file of each name seen twice or more: neither is kept (which one was meant cannot be told). */
  const duplicated = new Map<string, string>();
  for (const file of files) {
    if (!file.startsWith(prefix)) continue;
    if (isOsMetadataPath(file)) continue;
    const ext = extOf(file);
    const rest = file.slice(prefix.length);
    if (!exts.has(ext)) {
      problems.push({ file, problem: `not a supported ${what} file (expected ${[...exts].join(", ")})` });
      continue;
    }
    const key = rest.slice(0, rest.length - ext.length);
    const other = out.get(key) ?? duplicated.get(key);
    if (other !== undefined) {
      problems.push({ file, problem: `duplicate name: ${other} has the same name without extension; neither is imported` });
      if (out.delete(key)) {
        duplicated.set(key, other);
        problems.push({ file: other, problem: `duplicate name: ${file} has the same name without extension; neither is imported` });
      }
      continue;
    }
    out.set(key, file);
  }
  return out;
}

/**
 * Pairs images with masks by key; reports each image without a mask and each
 * mask without an image (unless `unpairedImagesAreFine`, as in VOC where most
 * JPEGImages have no segmentation). Sample names are the keys.
 */
export function pairByKey(
  images: ReadonlyMap<string, string>,
  masks: ReadonlyMap<string, string>,
  problems: ImportProblem[],
  opts: { tags?: (key: string) => string[]; unpairedImagesAreFine?: boolean; maskHint?: (key: string) => string } = {},
): PlanSample[] {
  const samples: PlanSample[] = [];
  for (const [key, imagePath] of images) {
    const maskPath = masks.get(key);
    if (maskPath === undefined) {
      if (!opts.unpairedImagesAreFine) {
        problems.push({ file: imagePath, problem: `missing mask${opts.maskHint ? ` (expected ${opts.maskHint(key)})` : ""}` });
      }
      continue;
    }
    samples.push({ name: key, imagePath, maskPath, tags: opts.tags?.(key) ?? [] });
  }
  for (const [key, maskPath] of masks) {
    if (!images.has(key)) problems.push({ file: maskPath, problem: "missing image: no image has this mask's name" });
  }
  return samples.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Immediate sub-folder names of `folder`. */
export function subfolders(dirs: ReadonlySet<string>, folder: string): string[] {
  const prefix = folder === "" ? "" : `${folder}/`;
  const out: string[] = [];
  for (const d of dirs) if (d.startsWith(prefix) && d.length > prefix.length && !d.slice(prefix.length).includes("/")) out.push(d.slice(prefix.length));
  return out.sort();
}

/** All splits, or the one asked for (an error naming the available ones when it is missing). */
export function pickSplits(splits: readonly string[], wanted: string | undefined, root: string): string[] {
  if (wanted === undefined) return [...splits];
  if (!splits.includes(wanted)) {
    throw new AppError("invalid_input", `${root || "."}: split "${wanted}" not found (available: ${splits.join(", ") || "none"}).`);
  }
  return [wanted];
}
