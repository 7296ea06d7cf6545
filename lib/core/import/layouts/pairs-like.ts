import { AppError } from "@/lib/core/errors";
import { joinRel } from "../entry-path";
import { ade20kMapping, CAMVID_CLASSES, CAMVID_IGNORE_INDEX } from "../layout-classes";
import type { ImportProblem, LayoutPlan, PlanSample } from "../plan";
import { filesUnder, findRoot, foldersOf, IMAGE_EXTS, MASK_EXTS, pairByKey, pickSplits, subfolders, type LayoutInput } from "./file-tree";

const CAMVID_SPLITS = ["train", "val", "test"];

function noRoot(layout: string, expected: string): AppError {
  return new AppError("invalid_input", `source: not ${/^[AEIOU]/i.test(layout) ? "an" : "a"} ${layout} layout (expected ${expected}).`);
}

/** Plain pairs: `images/` + `masks/` paired by name without extension (sub-folders kept in the name). */
export function planPairs(input: LayoutInput): LayoutPlan {
  const root = findRoot(foldersOf(input.files), ["images", "masks"]);
  if (root === null) throw noRoot("pairs", "images/ and masks/ folders");
  const problems: ImportProblem[] = [];
  const images = filesUnder(input.files, joinRel(root, "images"), IMAGE_EXTS, problems, "image");
  const masks = filesUnder(input.files, joinRel(root, "masks"), MASK_EXTS, problems, "mask");
  const samples = pairByKey(images, masks, problems, { maskHint: (k) => joinRel(root, "masks", `${k}.png`) });
  return { layout: "pairs", root, samples, classes: null, ignoreIndex: null, mapping: {}, splits: [], problems };
}

/** CamVid as SegNet ships it: `train/` + `trainannot/`, `val/` + `valannot/`, `test/` + `testannot/`; 11 classes, void 11. */
export function planCamvid(input: LayoutInput): LayoutPlan {
  const dirs = foldersOf(input.files);
  const roots = CAMVID_SPLITS.map((s) => findRoot(dirs, [s, `${s}annot`])).filter((r): r is string => r !== null);
  if (roots.length === 0) throw noRoot("CamVid (SegNet)", "test/ + testannot/, train/ + trainannot/ or val/ + valannot/");
  const root = roots.sort((a, b) => a.length - b.length)[0];
  const splits = CAMVID_SPLITS.filter((s) => dirs.has(joinRel(root, s)) && dirs.has(joinRel(root, `${s}annot`)));
  const chosen = pickSplits(splits, input.split, root);
  const problems: ImportProblem[] = [];
  const samples: PlanSample[] = [];
  for (const split of chosen) {
    const images = filesUnder(input.files, joinRel(root, split), IMAGE_EXTS, problems, "image");
    const masks = filesUnder(input.files, joinRel(root, `${split}annot`), MASK_EXTS, problems, "mask");
    const tags = chosen.length > 1 ? [split] : [];
    samples.push(...pairByKey(images, masks, problems, { tags: () => tags, maskHint: (k) => joinRel(root, `${split}annot`, `${k}.png`) }));
  }
  samples.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { layout: "camvid", root, samples, classes: CAMVID_CLASSES, ignoreIndex: CAMVID_IGNORE_INDEX, mapping: {}, splits, problems };
}

/**
 * ADE20K-style: `images/` + `annotations/`, flat or with split folders
 * (`training/`, `validation/`); 0 = "other". With reduce-zero-label (the
 * default, as in mmsegmentation) 0 becomes void and v becomes class v - 1.
 */
export function planAde20k(input: LayoutInput): LayoutPlan {
  const dirs = foldersOf(input.files);
  const root = findRoot(dirs, ["images", "annotations"]);
  if (root === null) throw noRoot("ADE20K", "images/ and annotations/ folders");
  const problems: ImportProblem[] = [];
  const splitDirs = subfolders(dirs, joinRel(root, "images")).filter((s) => dirs.has(joinRel(root, "annotations", s)));
  const chosen = splitDirs.length > 0 ? pickSplits(splitDirs, input.split, root) : [""];
  const samples: PlanSample[] = [];
  for (const split of chosen) {
    const images = filesUnder(input.files, joinRel(root, "images", split), IMAGE_EXTS, problems, "image");
    const masks = filesUnder(input.files, joinRel(root, "annotations", split), MASK_EXTS, problems, "mask");
    const tags = chosen.length > 1 ? [split] : [];
    samples.push(...pairByKey(images, masks, problems, { tags: () => tags, maskHint: (k) => joinRel(root, "annotations", split, `${k}.png`) }));
  }
  const reduce = input.reduceZeroLabel ?? true;
  return {
    layout: "ade20k",
    root,
    samples,
    classes: null,
    ignoreIndex: reduce ? 255 : null,
    mapping: ade20kMapping(reduce),
    splits: splitDirs,
    problems,
  };
}
