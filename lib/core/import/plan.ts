/**
 * The normalized import plan: what every dataset layout (pairs, VOC,
 * Cityscapes, CamVid, ADE20K) is turned into before anything is written.
 * Paths are relative POSIX paths below the source root (a staging folder or
 * a server-side folder). Pure types and small helpers only.
 */

export type Rgb = [number, number, number];

export const LAYOUT_NAMES = ["pairs", "voc", "cityscapes", "camvid", "ade20k"] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

export interface PlanClass {
  index: number;
  name: string;
  color: Rgb;
}

/** One problem found while planning or validating, naming the file it is about. */
export interface ImportProblem {
  file: string;
  problem: string;
}

export interface PlanSample {
  /** Unique within the plan (file stem; VOC/Cityscapes stems are unique already). */
  name: string;
  imagePath: string;
  maskPath: string;
  tags: string[];
}

/** Mask value (as written in the files) -> class index, or "void" (counts nowhere). */
export type ValueMapping = Record<string, number | "void">;

/** What a layout planner returns: samples and the layout's defaults. */
export interface LayoutPlan {
  layout: LayoutName;
  /** Folder below the source root where the layout was found ("" = the root itself). */
  root: string;
  samples: PlanSample[];
  /** The layout's known classes, or null when they must come from a classes file or the palette. */
  classes: PlanClass[] | null;
  ignoreIndex: number | null;
  /** The layout's value mapping (Cityscapes labelId -> trainId, ADE20K reduce-zero-label); {} = identity. */
  mapping: ValueMapping;
  /** Split names found (VOC ImageSets, Cityscapes/CamVid/ADE20K split folders). */
  splits: string[];
  problems: ImportProblem[];
}

/** Where an import's class list came from; "latest-version": an update of a dataset whose upload names no classes. */
export type ClassSource = "classes-file" | "labelmap" | "palette" | "layout" | "latest-version" | "generic";

/** A complete plan: a layout plan with its class list settled. */
export interface ImportPlan extends LayoutPlan {
  classes: PlanClass[];
  classSource: ClassSource;
  /** True when masks are RGB colour images to be read through the class colours. */
  rgbMasks: boolean;
  /** Colours of void pixels in RGB masks (e.g. CamVid's black void), mapped to the ignore index. */
  voidColors: Rgb[];
}

