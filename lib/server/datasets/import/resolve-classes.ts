import "server-only";
import { AppError } from "@/lib/core/errors";
import { classesFromPalette, genericClasses, parseLabelmap } from "@/lib/core/import/class-sources";
import type { ClassSource, LayoutPlan, PlanClass, Rgb } from "@/lib/core/import/plan";
import { defaultClassColor, parseClassList } from "@/lib/core/classes/class-list";
import { CLASSES_FILES, findSidecar, LABELMAP_FILES } from "./sidecars";

/** A classes file given from outside the source (the upload's `classes` field, the CLI's --classes). */
export interface ClassesInput {
  text: string;
  fileName: string;
}

export interface ResolvedClasses {
  classes: PlanClass[] | null;
  ignoreIndex: number | null;
  source: ClassSource | null;
  /** True when every class has a real colour (RGB masks can be read). */
  hasColors: boolean;
  voidColors: Rgb[];
}

function fromClassesFile(input: ClassesInput, fallbackIgnore: number | null): ResolvedClasses {
  if (input.fileName.toLowerCase().endsWith(".txt")) {
    return { classes: parseLabelmap(input.text, input.fileName), ignoreIndex: fallbackIgnore, source: "labelmap", hasColors: true, voidColors: [] };
  }
  const list = parseClassList(input.text, input.fileName);
  const voidIndex = list.voidEntry?.index ?? null;
  return {
    classes: list.classes.map((c) => ({ index: c.index, name: c.name, color: [...c.color] as Rgb })),
    ignoreIndex: list.ignoreIndex ?? voidIndex ?? fallbackIgnore,
    source: "classes-file",
    hasColors: list.hasColors,
    voidColors: list.voidEntry?.color ? [list.voidEntry.color] : [],
  };
}

/**
 * Settles the class list before the scan, by priority: the classes given
 * from outside, a `classes.json` or CVAT `labelmap.txt` at the layout root
 * (or above it), the layout's known classes. Null classes mean the scan must
 * derive them (palette of the masks, else generic names).
 */
export function resolveClassesBeforeScan(plan: LayoutPlan, texts: Record<string, string>, given?: ClassesInput): ResolvedClasses {
  if (given) return fromClassesFile(given, plan.ignoreIndex);
  const file = findSidecar(texts, plan.root, CLASSES_FILES);
  if (file) return fromClassesFile({ text: file.text, fileName: file.rel }, plan.ignoreIndex);
  const labelmap = findSidecar(texts, plan.root, LABELMAP_FILES);
  if (labelmap) return fromClassesFile({ text: labelmap.text, fileName: labelmap.rel }, plan.ignoreIndex);
  if (plan.classes) return { classes: plan.classes, ignoreIndex: plan.ignoreIndex, source: "layout", hasColors: true, voidColors: [] };
  return { classes: null, ignoreIndex: plan.ignoreIndex, source: null, hasColors: false, voidColors: [] };
}

/**
 * After the scan: classes from the masks' palette (indices up to the largest
 * value found, after the value mapping), else generic "class <v>" names, both for the user to rename
 * in the mapping step. 255 is taken as void when it is found and nothing else
 * declares an ignore index (the VOC convention).
 */
export function resolveClassesAfterScan(
  ignoreIndex: number | null,
  valuesFound: readonly number[],
  palette: Rgb[] | null,
): { classes: PlanClass[]; ignoreIndex: number | null; source: ClassSource } {
  const values = [...valuesFound];
  const voidValue = ignoreIndex ?? (values.includes(255) ? 255 : null);
  if (values.filter((v) => v !== voidValue).some((v) => v > 1024)) {
    throw new AppError("invalid_input", "masks: values above 1024 and no classes file; give a classes file (classes.json or labelmap.txt).");
  }
  if (palette) return { classes: classesFromPalette(palette, values, voidValue), ignoreIndex: voidValue, source: "palette" };
  return { classes: genericClasses(values, voidValue, (i) => defaultClassColor(i)), ignoreIndex: voidValue, source: "generic" };
}
