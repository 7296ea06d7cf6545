import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/core/errors";
import { readPngPalette } from "@/lib/core/import/class-sources";
import { planLayout } from "@/lib/core/import/layouts/detect-layout";
import type { ImportPlan, ImportProblem, LayoutName, LayoutPlan, ValueMapping } from "@/lib/core/import/plan";
import { parseTagsSidecar } from "@/lib/core/import/tags-sidecar";
import { addMaskToHistogram, sampleIndices, summarizeValues, type ValueHistogram, type ValueRow } from "@/lib/core/import/value-histogram";
import { buildValueLut, lutTarget, resolveIgnoreIndex } from "@/lib/core/import/value-mapping";
import { isRgbColorType } from "@/lib/core/masks";
import type { ImportSource } from "./import-source";
import { getImportLimits, type ImportLimits } from "./limits";
import { decodePlanMask } from "./mask-reader";
import { resolveClassesAfterScan, resolveClassesBeforeScan, type ClassesInput } from "./resolve-classes";
import { findSidecar, readSidecars, TAGS_FILES } from "./sidecars";
import { checkSampleFiles, mapLimited } from "./validate-files";

export interface InspectOptions {
  layout?: LayoutName | "auto";
  /** Keep one split (VOC ImageSets list, or a split folder). */
  split?: string;
  /** ADE20K: 0 becomes void, v becomes v - 1 (default true). */
  reduceZeroLabel?: boolean;
  /** Classes from outside the source (JSON list, {classes, ignore_index}, or a labelmap.txt when fileName ends in .txt). */
  classes?: ClassesInput;
  /** Classes taken when neither `classes` nor the source names any (an update keeps its dataset's latest classes). */
  fallbackClasses?: ClassesInput;
  /** Tags sidecar from outside the source (JSON or CSV, told by fileName). */
  tags?: { text: string; fileName: string };
  /** Mask value -> class index or "void", over the layout's own mapping. */
  mapping?: ValueMapping;
  limits?: Partial<ImportLimits>;
}

/** The mapping step's data: the values found and whether the scan was sampled. */
export interface ValueScan {
  rows: ValueRow[];
  undeclared: number[];
  scannedMasks: number;
  totalMasks: number;
  sampled: boolean;
}

export interface ImportReport {
  plan: ImportPlan;
  values: ValueScan;
  /** Every problem, each naming its file; empty = ready to import. */
  problems: ImportProblem[];
  /** Names of the samples that have a problem (the rest is the "valid subset"). */
  invalidSamples: string[];
}

const PHOTO_DISTINCT_VALUES = 64;

function dedupeNames(plan: LayoutPlan, problems: ImportProblem[]): void {
  const seen = new Map<string, string>();
  plan.samples = plan.samples.filter((s) => {
    const other = seen.get(s.name);
    if (other === undefined) return seen.set(s.name, s.imagePath), true;
    problems.push({ file: s.imagePath, problem: `duplicate name "${s.name}" (also ${other}); only the first is kept` });
    return false;
  });
}

function applyTags(plan: LayoutPlan, texts: Record<string, string>, given: InspectOptions["tags"], problems: ImportProblem[]): void {
  const found = given ? { rel: given.fileName, text: given.text } : findSidecar(texts, plan.root, TAGS_FILES);
  if (!found) return;
  const tags = parseTagsSidecar(found.text, found.rel, problems);
  const byName = new Map(plan.samples.map((s) => [s.name, s]));
  for (const [name, list] of tags) {
    const sample = byName.get(name);
    if (!sample) problems.push({ file: found.rel, problem: `has tags for "${name}", which is not a sample` });
    else sample.tags = [...new Set([...sample.tags, ...list])];
  }
}

/**
 * Plans and checks an import without writing anything: detects (or takes)
 * the layout, settles the class list (classes file, labelmap.txt, layout
 * defaults, else `fallbackClasses`, else the masks' palette or generic
 * names after the scan),
 * applies tag sidecars, checks every sample's files from their headers
 * (missing, unreadable, size mismatch, not a label map), and decodes up to
 * `limits.scanMasks` masks (evenly sampled beyond) for the value histogram
 * and undeclared values. Source-level failures (no layout, too many
 * samples) throw AppError; per-file ones go to `problems`.
 */
export async function inspectImport(source: ImportSource, opts: InspectOptions = {}): Promise<ImportReport> {
  const limits = getImportLimits(opts.limits);
  const texts = await readSidecars(source.root, source.files, limits);
  const layoutPlan = planLayout({ files: source.files, texts, layout: opts.layout, split: opts.split, reduceZeroLabel: opts.reduceZeroLabel });
  if (layoutPlan.samples.length > limits.samples) {
    throw new AppError("too_large", `${source.label}: ${layoutPlan.samples.length} samples; the limit is ${limits.samples} (IMPORT_MAX_SAMPLES).`);
  }
  const problems: ImportProblem[] = [...layoutPlan.problems];
  dedupeNames(layoutPlan, problems);
  applyTags(layoutPlan, texts, opts.tags, problems);
  const named = resolveClassesBeforeScan(layoutPlan, texts, opts.classes);
  const resolved =
    named.classes === null && opts.fallbackClasses ? { ...resolveClassesBeforeScan(layoutPlan, texts, opts.fallbackClasses), source: "latest-version" as const } : named;
  let mapping: ValueMapping = { ...layoutPlan.mapping, ...opts.mapping };

  const samples = layoutPlan.samples;
  const firstMask = samples[0] ? new Uint8Array(await readFile(path.join(source.root, samples[0].maskPath))) : null;
  const firstColorType = firstMask && firstMask.length > 25 ? firstMask[25] : -1;
  const rgbMasks = isRgbColorType(firstColorType);
  const colorMasksOk = resolved.classes !== null && resolved.hasColors;
  const checks = await mapLimited(samples, 4, (s) => checkSampleFiles(source.root, s, limits, colorMasksOk));
  const problemsBySample = new Map<string, ImportProblem[]>();
  checks.forEach((c, i) => c.problems.length && problemsBySample.set(samples[i].name, [...c.problems]));

  const readable = samples.filter((_, i) => checks[i].maskHeader !== null && (colorMasksOk || !isRgbColorType(checks[i].maskHeader!.colorType)));
  const picked = sampleIndices(readable.length, limits.scanMasks).map((i) => readable[i]);
  const hist: ValueHistogram = new Map();
  const perMask = new Map<string, [number, number][]>();
  const decodePlan = { rgbMasks, classes: resolved.classes ?? [], voidColors: resolved.voidColors, ignoreIndex: resolved.ignoreIndex };
  for (const s of picked) {
    try {
      const bytes = new Uint8Array(await readFile(path.join(source.root, s.maskPath)));
      const map = decodePlanMask(bytes, decodePlan, s.maskPath, limits.imagePixels);
      perMask.set(s.name, addMaskToHistogram(hist, map.data));
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(`${s.maskPath}: `, "") : String(error);
      addProblem(problemsBySample, s.name, { file: s.maskPath, problem: message });
    }
  }

  let { classes, ignoreIndex } = resolved;
  let classSource = resolved.source;
  if (classes === null) {
    const effective = [...hist.keys()].flatMap((v) => {
      const t = mapping[v];
      return t === undefined ? [v] : t === "void" ? [] : [t];
    });
    const palette = firstMask ? readPngPalette(firstMask) : null;
    ({ classes, ignoreIndex, source: classSource } = resolveClassesAfterScan(ignoreIndex, effective, palette));
  }
  // Layout mappings (ADE20K v -> v - 1, Cityscapes trainIds) may point past a shorter class list: those values become undeclared.
  const numClasses = classes.length;
  mapping = Object.fromEntries(Object.entries(mapping).filter(([k, t]) => t === "void" || t < numClasses || k in (opts.mapping ?? {})));
  ignoreIndex = resolveIgnoreIndex(classes.length, ignoreIndex, mapping);

  const lut = buildValueLut(mapping, classes.length, ignoreIndex, "mapping");
  for (const [name, counts] of perMask) {
    const sample = samples.find((s) => s.name === name)!;
    const bad = counts.filter(([v]) => lutTarget(lut, v) === null);
    if (bad.length === 0) continue;
    if (!rgbMasks && counts.length > PHOTO_DISTINCT_VALUES) {
      addProblem(problemsBySample, name, { file: sample.maskPath, problem: `not a label map: ${counts.length} distinct values (a photo or a resized/JPEG-compressed mask?)` });
      continue;
    }
    const shown = bad.slice(0, 10).map(([v, n]) => `${v} (${n} px)`).join(", ");
    addProblem(problemsBySample, name, { file: sample.maskPath, problem: `undeclared values ${shown}${bad.length > 10 ? `, and ${bad.length - 10} more` : ""}` });
  }
  for (const list of problemsBySample.values()) problems.push(...list);

  const plan: ImportPlan = { ...layoutPlan, classes, ignoreIndex, mapping, classSource: classSource ?? "generic", rgbMasks, voidColors: resolved.voidColors };
  const summary = summarizeValues(hist, classes, ignoreIndex, mapping);
  return {
    plan,
    values: { ...summary, scannedMasks: picked.length, totalMasks: samples.length, sampled: picked.length < readable.length },
    problems,
    invalidSamples: [...problemsBySample.keys()].sort(),
  };
}

function addProblem(map: Map<string, ImportProblem[]>, name: string, problem: ImportProblem): void {
  const list = map.get(name);
  if (list) list.push(problem);
  else map.set(name, [problem]);
}

/** Throws AppError("invalid_input") listing every problem by file (fieldErrors: file -> problems), unless there is none. */
export function assertNoProblems(report: ImportReport, label: string): void {
  if (report.problems.length === 0) return;
  const fieldErrors: Record<string, string[]> = {};
  for (const p of report.problems) (fieldErrors[p.file] ??= []).push(p.problem);
  const first = report.problems.slice(0, 5).map((p) => `${p.file}: ${p.problem}`).join("; ");
  const more = report.problems.length > 5 ? `; and ${report.problems.length - 5} more` : "";
  throw new AppError("invalid_input", `${label}: ${report.problems.length} problem(s): ${first}${more}`, { fieldErrors });
}
