import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { ImportOptionsInput, ImportReportDto } from "@/lib/contracts/dataset-import";
import type { ImportPlan, ValueMapping } from "@/lib/core/import/plan";
import { buildValueLut, lutTarget } from "@/lib/core/import/value-mapping";
import { findOwnedDataset } from "@/lib/server/db/owned";
import { inspectImport, type ImportReport, type ImportSource, type InspectOptions } from "./import";
import { latestVersionClasses } from "./latest-version-classes";
import { getImportLimits } from "./import/limits";
import { decodePlanMask } from "./import/mask-reader";
import { openUploadSource } from "./uploads";

const PREVIEW_COUNT = 4;
const PREVIEW_WIDTH = 200;
/** Undeclared values show in magenta in the previews; void is transparent. */
const UNDECLARED_RGBA = [255, 0, 255, 255] as const;

/** The inspect options of a wizard step or a REST call (layout, split, mapping, classes/tags texts). */
export function toInspectOptions(input: ImportOptionsInput & { classes?: string; tags?: string }): InspectOptions {
  return {
    layout: input.layout ?? "auto",
    split: input.split,
    reduceZeroLabel: input.reduceZeroLabel,
    mapping: input.mapping as ValueMapping | undefined,
    classes: input.classes ? { text: input.classes, fileName: input.classes.trimStart().startsWith("[") || input.classes.trimStart().startsWith("{") ? "classes.json" : "labelmap.txt" } : undefined,
    tags: input.tags ? { text: input.tags, fileName: input.tags.trimStart().startsWith("{") ? "tags.json" : "tags.csv" } : undefined,
  };
}

/**
 * The mapping step and validation report of an owned upload for an owned
 * dataset (with `update`, as an update of its latest version: that
 * version's classes when the upload names none): the plan's classes, the value histogram (sampled for big sets),
 * every problem by file, and a few masks previewed in the class colours
 * under the current mapping. Nothing is written.
 */
export async function inspectUpload(args: { ownerId: string; datasetId: string; uploadId: string; options: ImportOptionsInput }): Promise<ImportReportDto> {
  await findOwnedDataset({ ownerId: args.ownerId, datasetId: args.datasetId });
  const source = await openUploadSource({ ownerId: args.ownerId, uploadId: args.uploadId });
  const fallbackClasses = args.options.update ? await latestVersionClasses(args.datasetId) : undefined;
  const report = await inspectImport(source, { ...toInspectOptions(args.options), fallbackClasses });
  return toReportDto(report, await renderPreviews(source, report));
}

/** The report as the wizard and the REST API show it. */
export function toReportDto(report: ImportReport, previews: ImportReportDto["previews"] = []): ImportReportDto {
  const { plan } = report;
  return {
    layout: plan.layout,
    splits: plan.splits,
    classSource: plan.classSource,
    classes: plan.classes.map((c) => ({ index: c.index, name: c.name, color: c.color })),
    ignoreIndex: plan.ignoreIndex,
    sampleCount: plan.samples.length,
    validCount: plan.samples.length - report.invalidSamples.length,
    values: report.values,
    problems: report.problems,
    previews,
  };
}

async function renderPreviews(source: ImportSource, report: ImportReport): Promise<ImportReportDto["previews"]> {
  const plan = report.plan;
  const invalid = new Set(report.invalidSamples);
  const picked = plan.samples.filter((s) => !invalid.has(s.name)).slice(0, PREVIEW_COUNT);
  const out: ImportReportDto["previews"] = [];
  for (const s of picked) {
    try {
      const bytes = new Uint8Array(await readFile(path.join(source.root, s.maskPath)));
      out.push({ name: s.name, mask: await previewMask(bytes, plan, s.maskPath) });
    } catch {
      // An unreadable mask is in the problems already; it just has no preview.
    }
  }
  return out;
}

/** A PNG data URL of one mask in the class colours (void transparent, undeclared magenta), scaled to the preview width. */
async function previewMask(bytes: Uint8Array, plan: ImportPlan, fileName: string): Promise<string> {
  const map = decodePlanMask(bytes, plan, fileName, getImportLimits().imagePixels);
  const lut = buildValueLut(plan.mapping, plan.classes.length, plan.ignoreIndex);
  const rgba = Buffer.alloc(map.width * map.height * 4);
  const colorOf = new Map<number, readonly number[]>();
  for (let i = 0; i < map.data.length; i++) {
    const v = map.data[i];
    let c = colorOf.get(v);
    if (!c) {
      const t = lutTarget(lut, v);
      c = t === null ? UNDECLARED_RGBA : t === "void" ? [0, 0, 0, 0] : [...plan.classes[t].color, 255];
      colorOf.set(v, c);
    }
    rgba.set(c, i * 4);
  }
  const png = await sharp(rgba, { raw: { width: map.width, height: map.height, channels: 4 } })
    .resize({ width: Math.min(PREVIEW_WIDTH, map.width), kernel: "nearest" })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString("base64")}`;
}
