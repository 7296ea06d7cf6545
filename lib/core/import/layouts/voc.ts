import { AppError } from "@/lib/core/errors";
import { joinRel } from "../entry-path";
import { VOC_CLASSES, VOC_IGNORE_INDEX } from "../layout-classes";
import type { ImportProblem, LayoutPlan } from "../plan";
import { filesUnder, findRoot, foldersOf, IMAGE_EXTS, MASK_EXTS, pairByKey, pickSplits, type LayoutInput } from "./file-tree";

/** Reads `ImageSets/Segmentation/<split>.txt` lists (one id per line) from the texts given. */
function readSplits(input: LayoutInput, root: string): Map<string, Set<string>> {
  const prefix = `${joinRel(root, "ImageSets", "Segmentation")}/`;
  const splits = new Map<string, Set<string>>();
  for (const [file, text] of Object.entries(input.texts ?? {})) {
    if (!file.startsWith(prefix) || !file.endsWith(".txt") || file.slice(prefix.length).includes("/")) continue;
    const ids = text.split(/\r?\n/).map((l) => l.trim().split(/\s+/)[0]).filter((l) => l !== "" && l !== undefined);
    splits.set(file.slice(prefix.length, -4), new Set(ids));
  }
  return splits;
}

/**
 * Pascal VOC: `JPEGImages/` + `SegmentationClass/` palette PNGs (indices,
 * 255 = void), 21 classes. `ImageSets/Segmentation/*.txt` become tags (train,
 * val; "trainval" is left out when both exist), or `input.split` keeps one
 * list. Images without a segmentation mask are normal in VOC and skipped; an
 * id listed in a split without a mask or image is a problem.
 */
export function planVoc(input: LayoutInput): LayoutPlan {
  const root = findRoot(foldersOf(input.files), ["JPEGImages", "SegmentationClass"]);
  if (root === null) throw new AppError("invalid_input", "source: not a VOC layout (expected JPEGImages/ and SegmentationClass/ folders).");
  const problems: ImportProblem[] = [];
  const images = filesUnder(input.files, joinRel(root, "JPEGImages"), IMAGE_EXTS, problems, "image");
  const masks = filesUnder(input.files, joinRel(root, "SegmentationClass"), MASK_EXTS, problems, "mask");
  const splits = readSplits(input, root);
  const names = [...splits.keys()].sort();
  const tagSplits = names.filter((s) => !(s === "trainval" && splits.has("train") && splits.has("val")));
  let keep: Set<string> | null = null;
  if (input.split !== undefined) {
    keep = splits.get(pickSplits(names, input.split, joinRel(root, "ImageSets", "Segmentation"))[0])!;
    const listFile = joinRel(root, "ImageSets", "Segmentation", `${input.split}.txt`);
    for (const id of keep) {
      if (!masks.has(id)) problems.push({ file: listFile, problem: `lists "${id}" but SegmentationClass/${id}.png is missing` });
    }
  }
  const chosenImages = new Map([...images].filter(([k]) => keep === null || keep.has(k)));
  const chosenMasks = new Map([...masks].filter(([k]) => keep === null || keep.has(k)));
  const tags = (key: string) => (input.split !== undefined ? [] : tagSplits.filter((s) => splits.get(s)!.has(key)));
  const samples = pairByKey(chosenImages, chosenMasks, problems, { tags, unpairedImagesAreFine: true });
  return { layout: "voc", root, samples, classes: VOC_CLASSES, ignoreIndex: VOC_IGNORE_INDEX, mapping: {}, splits: names, problems };
}
