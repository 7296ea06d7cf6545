import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { AppError } from "@/lib/core/errors";
import { formatNameList } from "@/lib/core/text/name-list";

/** One ground-truth mask and its prediction, paired by file name without extension. */
export interface MaskPair {
  name: string;
  gtPath: string;
  predPath: string;
}

/** Compares by UTF-16 code units: the same order on every machine and locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Lists the `.png` files (any letter case) directly inside dir, keyed by name
 * without extension. Other files and subfolders are ignored; symbolic links to
 * files count. Throws AppError("invalid_input") when dir is not a folder or
 * holds two files with the same name (e.g. a.png and a.PNG).
 */
export function listMaskFiles(dir: string, role: string): Map<string, string> {
  let entries;
  try {
    if (!statSync(dir).isDirectory()) throw new AppError("invalid_input", `${dir}: not a folder (${role})`);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError("invalid_input", `${dir}: ${code === "ENOENT" ? "no such folder" : "cannot read folder"} (${role})`);
  }
  const files = new Map<string, string>();
  for (const entry of entries) {
    if (!/\.png$/i.test(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const isFile = entry.isFile() || (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isFile() === true);
    if (!isFile) continue;
    const name = entry.name.slice(0, -4);
    const previous = files.get(name);
    if (previous !== undefined) {
      throw new AppError("invalid_input", `${dir}: two files are named ${name}: ${path.basename(previous)} and ${entry.name}`);
    }
    files.set(name, full);
  }
  return files;
}

/**
 * Pairs gtDir/<name>.png with predDir/<name>.png, sorted by name. Every
 * ground-truth mask needs a prediction and vice versa: otherwise throws
 * AppError("invalid_input") listing the unmatched names (up to 10 per side).
 * An empty ground-truth folder is an error too.
 */
export function pairMaskFiles(gtDir: string, predDir: string): MaskPair[] {
  const gt = listMaskFiles(gtDir, "ground truth");
  const pred = listMaskFiles(predDir, "predictions");
  const noPred = [...gt.keys()].filter((n) => !pred.has(n)).sort(compareNames);
  const noGt = [...pred.keys()].filter((n) => !gt.has(n)).sort(compareNames);
  if (noPred.length > 0 || noGt.length > 0) {
    const parts: string[] = [];
    if (noPred.length > 0) parts.push(`${noPred.length} ground-truth mask(s) in ${gtDir} have no prediction in ${predDir}: ${formatNameList(noPred)}`);
    if (noGt.length > 0) parts.push(`${noGt.length} prediction(s) in ${predDir} have no ground truth in ${gtDir}: ${formatNameList(noGt)}`);
    throw new AppError("invalid_input", `masks do not pair up: ${parts.join("; ")}`);
  }
  if (gt.size === 0) throw new AppError("invalid_input", `${gtDir}: no .png masks found (subfolders are not searched)`);
  return [...gt.keys()].sort(compareNames).map((name) => ({ name, gtPath: gt.get(name)!, predPath: pred.get(name)! }));
}
