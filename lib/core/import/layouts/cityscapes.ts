import { AppError } from "@/lib/core/errors";
import { joinRel } from "../entry-path";
import { cityscapesMapping, CITYSCAPES_CLASSES, CITYSCAPES_IGNORE_INDEX } from "../layout-classes";
import type { ImportProblem, LayoutPlan, PlanSample } from "../plan";
import { findRoot, foldersOf, pairByKey, pickSplits, subfolders, type LayoutInput } from "./file-tree";

const IMAGE_SUFFIX = "_leftImg8bit.png";
const MASK_SUFFIX = "_gtFine_labelIds.png";

/** `<folder>/<city>/<base><suffix>` files of one split, keyed by `<base>`. */
function collect(files: readonly string[], folder: string, suffix: string, problems: ImportProblem[]): Map<string, string> {
  const out = new Map<string, string>();
  const prefix = `${folder}/`;
  for (const file of files) {
    if (!file.startsWith(prefix) || !file.endsWith(suffix)) continue;
    const key = file.slice(file.lastIndexOf("/") + 1, -suffix.length);
    const other = out.get(key);
    if (other !== undefined) problems.push({ file, problem: `duplicate name: ${other} has the same name` });
    else out.set(key, file);
  }
  return out;
}

/**
 * Cityscapes: `leftImg8bit/<split>/<city>/*_leftImg8bit.png` with
 * `gtFine/<split>/<city>/*_gtFine_labelIds.png`, read through the official
 * labelId -> trainId table into the 19 train classes; every other labelId is
 * void (255). The other gtFine files (color, instanceIds, polygons) are
 * ignored. Splits become tags unless `input.split` keeps one.
 */
export function planCityscapes(input: LayoutInput): LayoutPlan {
  const dirs = foldersOf(input.files);
  const root = findRoot(dirs, ["leftImg8bit", "gtFine"]);
  if (root === null) throw new AppError("invalid_input", "source: not a Cityscapes layout (expected leftImg8bit/ and gtFine/ folders).");
  const splits = subfolders(dirs, joinRel(root, "leftImg8bit")).filter((s) => dirs.has(joinRel(root, "gtFine", s)));
  const chosen = pickSplits(splits, input.split, root);
  const problems: ImportProblem[] = [];
  const samples: PlanSample[] = [];
  for (const split of chosen) {
    const images = collect(input.files, joinRel(root, "leftImg8bit", split), IMAGE_SUFFIX, problems);
    const masks = collect(input.files, joinRel(root, "gtFine", split), MASK_SUFFIX, problems);
    const tags = chosen.length > 1 ? [split] : [];
    samples.push(...pairByKey(images, masks, problems, { tags: () => tags, maskHint: (k) => `gtFine/${split}/…/${k}${MASK_SUFFIX}` }));
  }
  return {
    layout: "cityscapes",
    root,
    samples,
    classes: CITYSCAPES_CLASSES,
    ignoreIndex: CITYSCAPES_IGNORE_INDEX,
    mapping: cityscapesMapping(),
    splits,
    problems,
  };
}
