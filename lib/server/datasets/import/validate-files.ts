import "server-only";
import { open } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { AppError } from "@/lib/core/errors";
import type { PlanSample } from "@/lib/core/import/plan";
import { checkPixelLimit, COLOR_TYPE, readPngHeader, type PngHeader } from "@/lib/core/masks";
import type { ImportLimits } from "./limits";

const IMAGE_FORMATS = new Set(["png", "jpeg", "webp", "tiff"]);

/** What the per-file checks learnt about one sample. */
export interface FileCheck {
  problems: { file: string; problem: string }[];
  maskHeader: PngHeader | null;
}

async function readHead(full: string): Promise<Uint8Array> {
  const handle = await open(full, "r");
  try {
    const buf = Buffer.alloc(33);
    const { bytesRead } = await handle.read(buf, 0, 33, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Checks one sample from headers only (no pixel data is decoded): the image
 * opens with sharp and is a PNG, JPEG, WebP or TIFF within the pixel limit;
 * the mask is a PNG within the pixel limit, of the image's size, and a label
 * map (grey or palette), or an RGB colour mask when `colorMasksOk`.
 */
export async function checkSampleFiles(root: string, sample: PlanSample, limits: ImportLimits, colorMasksOk: boolean): Promise<FileCheck> {
  const problems: FileCheck["problems"] = [];
  let image: { width: number; height: number } | null = null;
  try {
    const meta = await sharp(path.join(root, sample.imagePath), { limitInputPixels: false }).metadata();
    if (!meta.format || !IMAGE_FORMATS.has(meta.format)) {
      problems.push({ file: sample.imagePath, problem: `unsupported image format ${meta.format ?? "unknown"} (use PNG, JPEG, WebP or TIFF)` });
    } else if (meta.width && meta.height) {
      checkPixelLimit(meta, sample.imagePath, limits.imagePixels);
      image = { width: meta.width, height: meta.height };
    }
  } catch (error) {
    const message = error instanceof AppError ? error.message.replace(`${sample.imagePath}: `, "") : `unreadable or not an image (${reason(error)})`;
    problems.push({ file: sample.imagePath, problem: message });
  }
  let maskHeader: PngHeader | null = null;
  try {
    const header = readPngHeader(await readHead(path.join(root, sample.maskPath)), sample.maskPath);
    checkPixelLimit(header, sample.maskPath, limits.imagePixels);
    maskHeader = header;
  } catch (error) {
    const message = error instanceof AppError ? error.message.replace(`${sample.maskPath}: `, "") : `unreadable (${reason(error)})`;
    problems.push({ file: sample.maskPath, problem: message.startsWith("not a valid PNG") ? `not a PNG label map: ${message}` : message });
  }
  if (maskHeader) {
    const colour = maskHeader.colorType === COLOR_TYPE.rgb || maskHeader.colorType === COLOR_TYPE.rgba;
    if (colour && !colorMasksOk) {
      problems.push({
        file: sample.maskPath,
        problem: "an RGB colour image, not a label map; give class colours (classes.json with colors, or labelmap.txt) to read colour masks, or save masks as grey/palette PNGs of class indices",
      });
    }
    if (image && (image.width !== maskHeader.width || image.height !== maskHeader.height)) {
      problems.push({ file: sample.maskPath, problem: `size mismatch: mask is ${maskHeader.width}x${maskHeader.height}, its image ${sample.imagePath} is ${image.width}x${image.height}` });
    }
  }
  return { problems, maskHeader };
}

/** Runs `fn` over `items` with at most `concurrency` at once, keeping order. */
export async function mapLimited<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}
