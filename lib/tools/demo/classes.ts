/**
 * Class tables of the two demo domains. The index order is part of the
 * contract: seeded datasets, predictions and saved evaluations rely on it.
 */

/** One class of a demo domain: label-map index, name and display colour (sRGB 0–255). */
export interface DemoClass {
  index: number;
  name: string;
  color: [number, number, number];
}

/** Ground-truth value of void pixels (thin bands at some object edges), as in Cityscapes/VOC. */
export const DEMO_IGNORE_INDEX = 255;

/** A label outside every class list that simulated models emit now and then; metrics count it as wrong. */
export const DEMO_INVALID_LABEL = 254;

/** The nine street-scene classes, Cityscapes colours. */
export const DEMO_CLASSES: readonly DemoClass[] = [
  { index: 0, name: "sky", color: [70, 130, 180] },
  { index: 1, name: "building", color: [70, 70, 70] },
  { index: 2, name: "road", color: [128, 64, 128] },
  { index: 3, name: "sidewalk", color: [244, 35, 232] },
  { index: 4, name: "vegetation", color: [107, 142, 35] },
  { index: 5, name: "car", color: [0, 0, 142] },
  { index: 6, name: "person", color: [220, 20, 60] },
  { index: 7, name: "pole", color: [153, 153, 153] },
  { index: 8, name: "traffic sign", color: [220, 220, 0] },
];

/** Street class indices by name, for readable generator code. */
export const SKY = 0;
export const BUILDING = 1;
export const ROAD = 2;
export const SIDEWALK = 3;
export const VEGETATION = 4;
export const CAR = 5;
export const PERSON = 6;
export const POLE = 7;
export const SIGN = 8;

/** The two dermatology classes: healthy skin and lesion. */
export const DEMO_LESION_CLASSES: readonly DemoClass[] = [
  { index: 0, name: "background", color: [0, 0, 0] },
  { index: 1, name: "lesion", color: [255, 255, 255] },
];

/** Scenario tags of street scenes. */
export const STREET_TAGS = ["occluded", "low-light", "night", "unusual-perspective"] as const;
export type StreetTag = (typeof STREET_TAGS)[number];

/** Scenario tags of lesion scenes. */
export const LESION_TAGS = ["hair-occlusion", "low-contrast"] as const;
export type LesionTag = (typeof LESION_TAGS)[number];

/** A generated sample: RGB image (w*h*3, row-major), label map (w*h), tags and metadata. */
export interface DemoScene {
  name: string;
  width: number;
  height: number;
  image: Uint8Array;
  mask: Uint8Array;
  tags: string[];
  metadata: Record<string, string | number>;
}
