import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/core/errors";
import { encodeLabelMap, hasPngSignature, isRgbColorType, type LabelMap } from "@/lib/core/masks";
import type { ImportPlan } from "@/lib/core/import/plan";
import { applyValueLut, buildValueLut, countValues, type ValueLut } from "@/lib/core/import/value-mapping";
import { decodeMask } from "@/lib/server/masks/decode-mask";
import type { ImportSource } from "./import-source";
import { getImportLimits, type ImportLimits } from "./limits";


/**
 * Decodes one mask of the plan as raw values: grey/palette indices, or class
 * indices for RGB masks (via the class colours). The plan's kind of mask
 * (decided by the first mask) holds for every mask: an RGB mask among grey
 * ones, or the other way round, is refused naming the file, since its values
 * would mean something else.
 */
export function decodePlanMask(bytes: Uint8Array, plan: Pick<ImportPlan, "rgbMasks" | "classes" | "voidColors" | "ignoreIndex">, fileName: string, maxPixels: number): LabelMap {
  const colorType = hasPngSignature(bytes) && bytes.length > 25 ? bytes[25] : -1;
  if (colorType >= 0 && isRgbColorType(colorType) !== plan.rgbMasks) {
    const kinds = plan.rgbMasks ? ["a grey or palette mask", "RGB colour masks"] : ["an RGB colour mask", "grey or palette masks of class values"];
    throw new AppError("invalid_input", `${fileName}: ${kinds[0]}, but this dataset's masks are ${kinds[1]} (as its first mask is): save every mask the same way`);
  }
  if (!plan.rgbMasks) return decodeMask(bytes, { fileName, maxPixels });
  const voidValue = plan.ignoreIndex ?? 255;
  return decodeMask(bytes, {
    fileName,
    maxPixels,
    colorTable: plan.classes.map((c) => c.color),
    colorTableExtra: plan.voidColors.map((color) => ({ value: voidValue, color })),
  });
}

/** A sample ready for the domain's createDatasetVersion: bytes in memory, mask normalized to class indices. */
export interface NormalizedSample {
  name: string;
  image: Uint8Array;
  imageFileName: string;
  /** Grey (or the original palette) PNG of class indices, void = plan.ignoreIndex. */
  mask: Uint8Array;
  maskFileName: string;
  tags: string[];
  /** Value -> pixel count of the normalized mask (void included), for version statistics and the class filter. */
  classPixels: Record<string, number>;
}

/**
 * Value -> pixel count of a normalized label map, every value present, void
 * included: a sample is stored once and shared by every version that has the
 * same name, image and mask, and those versions may declare other classes or
 * another void, so each version leaves out its own void when it reads the
 * counts (getVersionStats).
 */
export function countClassPixels(map: LabelMap): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [value, count] of countValues(map.data)) out[String(value)] = count;
  return out;
}

/**
 * Normalizes masks to what the version stores: class indices with void as
 * the plan's ignore index. Masks the mapping leaves unchanged (grey or
 * palette, every value already itself) keep their original bytes, so
 * content-addressed blobs stay shared with other versions; others are
 * re-encoded as grey PNGs. Undeclared values stop with an AppError naming the file.
 */
export function createMaskNormalizer(plan: ImportPlan, limits: ImportLimits = getImportLimits()): (bytes: Uint8Array, fileName: string) => Uint8Array {
  const normalize = createCountingNormalizer(plan, limits);
  return (bytes, fileName) => normalize(bytes, fileName).bytes;
}

/** Like {@link createMaskNormalizer}, also returning the normalized map and its class pixel counts. */
export function createCountingNormalizer(
  plan: ImportPlan,
  limits: ImportLimits = getImportLimits(),
): (bytes: Uint8Array, fileName: string) => { bytes: Uint8Array; map: LabelMap; classPixels: Record<string, number> } {
  const lut: ValueLut = buildValueLut(plan.mapping, plan.classes.length, plan.ignoreIndex);
  return (bytes, fileName) => {
    const decoded = decodePlanMask(bytes, plan, fileName, limits.imagePixels);
    const mapped = applyValueLut(decoded, lut, plan.ignoreIndex, fileName);
    const classPixels = countClassPixels(mapped);
    if (!plan.rgbMasks && sameValues(decoded.data, mapped.data)) return { bytes, map: mapped, classPixels };
    return { bytes: encodeLabelMap(mapped), map: mapped, classPixels };
  };
}

function sameValues(a: LabelMap["data"], b: LabelMap["data"]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Reads the plan's samples one at a time (images as they are, masks
 * normalized), so a caller can store blobs without holding the whole set in
 * memory. `only` keeps a subset (the valid samples of a report).
 */
export async function* readPlanSamples(source: ImportSource, plan: ImportPlan, opts: { only?: ReadonlySet<string>; limits?: Partial<ImportLimits> } = {}): AsyncGenerator<NormalizedSample> {
  const normalize = createCountingNormalizer(plan, getImportLimits(opts.limits));
  for (const sample of plan.samples) {
    if (opts.only && !opts.only.has(sample.name)) continue;
    const image = new Uint8Array(await readFile(path.join(source.root, sample.imagePath)));
    const maskBytes = new Uint8Array(await readFile(path.join(source.root, sample.maskPath)));
    const mask = normalize(maskBytes, sample.maskPath);
    yield {
      name: sample.name,
      image,
      imageFileName: sample.imagePath,
      mask: mask.bytes,
      maskFileName: sample.maskPath,
      tags: sample.tags,
      classPixels: mask.classPixels,
    };
  }
}
