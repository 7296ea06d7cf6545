import { AppError } from "@/lib/core/errors";
import type { LayoutName, LayoutPlan } from "../plan";
import { findRoot, foldersOf, subfolders, type LayoutInput } from "./file-tree";
import { planCityscapes } from "./cityscapes";
import { planAde20k, planCamvid, planPairs } from "./pairs-like";
import { planVoc } from "./voc";

const PLANNERS: Record<LayoutName, (input: LayoutInput) => LayoutPlan> = {
  pairs: planPairs,
  voc: planVoc,
  cityscapes: planCityscapes,
  camvid: planCamvid,
  ade20k: planAde20k,
};

/** Marker folders of each layout, in the order ties are broken. */
const MARKERS: [LayoutName, string[][]][] = [
  ["cityscapes", [["leftImg8bit", "gtFine"]]],
  ["voc", [["JPEGImages", "SegmentationClass"]]],
  ["pairs", [["images", "masks"]]],
  ["ade20k", [["images", "annotations"]]],
  ["camvid", [["test", "testannot"], ["train", "trainannot"], ["val", "valannot"]]],
];

const EXPECTED =
  "images/ + masks/ (pairs), JPEGImages/ + SegmentationClass/ (voc), leftImg8bit/ + gtFine/ (cityscapes), " +
  "test/ + testannot/ (camvid), images/ + annotations/ (ade20k)";

/**
 * Finds the layout whose marker folders sit shallowest in the file list (an
 * archive often wraps everything in one top folder); ties go to the order of
 * MARKERS. Null when no layout matches.
 */
export function detectLayout(files: readonly string[]): { layout: LayoutName; root: string } | null {
  const dirs = foldersOf(files);
  let best: { layout: LayoutName; root: string; depth: number } | null = null;
  for (const [layout, sets] of MARKERS) {
    for (const markers of sets) {
      const root = findRoot(dirs, markers);
      if (root === null) continue;
      const depth = root === "" ? 0 : root.split("/").length;
      if (best === null || depth < best.depth) best = { layout, root, depth };
    }
  }
  return best && { layout: best.layout, root: best.root };
}

/**
 * Plans an import in the given layout, or the detected one ("auto" or
 * undefined). Throws AppError("invalid_input") listing the expected folders
 * and what was found when no layout matches.
 */
export function planLayout(input: LayoutInput & { layout?: LayoutName | "auto" }): LayoutPlan {
  let layout = input.layout;
  if (layout === undefined || layout === "auto") {
    const found = detectLayout(input.files);
    if (found === null) {
      const top = subfolders(foldersOf(input.files), "");
      const seen = top.length ? `found folders: ${top.slice(0, 10).join(", ")}` : `found ${input.files.length} file(s) and no folders`;
      throw new AppError("invalid_input", `source: no known dataset layout; expected ${EXPECTED} (${seen}).`);
    }
    layout = found.layout;
  }
  const plan = PLANNERS[layout](input);
  if (plan.samples.length === 0 && plan.problems.length === 0) {
    plan.problems.push({ file: plan.root || ".", problem: `no image/mask pairs found in the ${layout} layout` });
  }
  return plan;
}
