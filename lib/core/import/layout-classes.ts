import type { PlanClass, Rgb, ValueMapping } from "./plan";

/** The standard PASCAL VOC colour map entry for an index (bit-interleaved; 255 = (224,224,192)). */
export function vocColor(index: number): Rgb {
  const c: Rgb = [0, 0, 0];
  for (let i = index, shift = 7; i > 0; i >>= 3, shift--) {
    c[0] |= (i & 1) << shift;
    c[1] |= ((i >> 1) & 1) << shift;
    c[2] |= ((i >> 2) & 1) << shift;
  }
  return c;
}

const VOC_NAMES = [
  "background", "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
  "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train", "tvmonitor",
];

/** PASCAL VOC 2012: 21 classes in the VOC colour map; 255 = void. */
export const VOC_CLASSES: PlanClass[] = VOC_NAMES.map((name, index) => ({ index, name, color: vocColor(index) }));
export const VOC_IGNORE_INDEX = 255;

/** Cityscapes' 19 train classes with their official colours (cityscapesScripts labels.py). */
export const CITYSCAPES_CLASSES: PlanClass[] = (
  [
    ["road", [128, 64, 128]], ["sidewalk", [244, 35, 232]], ["building", [70, 70, 70]], ["wall", [102, 102, 156]],
    ["fence", [190, 153, 153]], ["pole", [153, 153, 153]], ["traffic light", [250, 170, 30]], ["traffic sign", [220, 220, 0]],
    ["vegetation", [107, 142, 35]], ["terrain", [152, 251, 152]], ["sky", [70, 130, 180]], ["person", [220, 20, 60]],
    ["rider", [255, 0, 0]], ["car", [0, 0, 142]], ["truck", [0, 0, 70]], ["bus", [0, 60, 100]], ["train", [0, 80, 100]],
    ["motorcycle", [0, 0, 230]], ["bicycle", [119, 11, 32]],
  ] as [string, Rgb][]
).map(([name, color], index) => ({ index, name, color }));
export const CITYSCAPES_IGNORE_INDEX = 255;

/**
 * The official labelId -> trainId table (cityscapesScripts labels.py): labelIds
 * 0..33 whose trainId is 255 (unlabeled, ego vehicle, parking, rail track,
 * guard rail, bridge, tunnel, polegroup, caravan, trailer, …) map to void, as
 * does every value outside 0..33 (license plate is -1).
 */
const CITYSCAPES_TRAIN_IDS: Record<number, number> = {
  7: 0, 8: 1, 11: 2, 12: 3, 13: 4, 17: 5, 19: 6, 20: 7, 21: 8, 22: 9, 23: 10,
  24: 11, 25: 12, 26: 13, 27: 14, 28: 15, 31: 16, 32: 17, 33: 18,
};

/** Cityscapes `*_labelIds.png` value -> trainId or "void", for labelIds 0..33 (others are undeclared). */
export function cityscapesMapping(): ValueMapping {
  const mapping: ValueMapping = {};
  for (let id = 0; id <= 33; id++) mapping[id] = CITYSCAPES_TRAIN_IDS[id] ?? "void";
  return mapping;
}

/** CamVid in the SegNet 11-class form (SegNet colours); 11 = void. */
export const CAMVID_CLASSES: PlanClass[] = (
  [
    ["Sky", [128, 128, 128]], ["Building", [128, 0, 0]], ["Pole", [192, 192, 128]], ["Road", [128, 64, 128]],
    ["Pavement", [60, 40, 222]], ["Tree", [128, 128, 0]], ["SignSymbol", [192, 128, 128]], ["Fence", [64, 64, 128]],
    ["Car", [64, 0, 128]], ["Pedestrian", [64, 64, 0]], ["Bicyclist", [0, 128, 192]],
  ] as [string, Rgb][]
).map(([name, color], index) => ({ index, name, color }));
export const CAMVID_IGNORE_INDEX = 11;

/**
 * ADE20K-style mapping: with reduce-zero-label, 0 ("other") becomes void and
 * every value v in 1..254 becomes v - 1 and 255 stays void (mmsegmentation's
 * `reduce_zero_label`); without it, values stay as they are (0 is a class).
 */
export function ade20kMapping(reduceZeroLabel: boolean): ValueMapping {
  if (!reduceZeroLabel) return {};
  const mapping: ValueMapping = { 0: "void", 255: "void" };
  for (let v = 1; v < 255; v++) mapping[v] = v - 1;
  return mapping;
}
