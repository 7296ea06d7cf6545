import "server-only";
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/lib/core/errors";
import { hasPngSignature, isRgbColorType, readPngHeader, type Rgb } from "@/lib/core/masks";
import { isOsMetadataPath } from "@/lib/core/import/entry-path";
import { MAX_IMAGE_PIXELS } from "@/lib/server/limits";
import type { PredictionFileCheck } from "@/lib/server/models/check-predictions";
import { decodeMask } from "@/lib/server/masks/decode-mask";
import { encodeMask } from "@/lib/server/masks/encode-mask";
import type { BlobStore } from "@/lib/server/storage/blob-store";

/** Most prediction masks one model version import accepts. */
export const MAX_PREDICTION_FILES = 20_000;
/** Largest prediction mask accepted, in bytes (64 MiB). */
export const MAX_PREDICTION_FILE_BYTES = 64 * 1024 * 1024;

/** One predicted mask on disk; `sampleName` is the file stem that pairs it with a dataset sample. */
export interface PredictionFile {
  sampleName: string;
  file: string;
}

/** A checked prediction mask: its pixel size and the sha256 of the bytes that were checked (or of the grey PNG an RGB one became). */
export interface CheckedPrediction extends PredictionFile {
  sha256: string;
  width: number;
  height: number;
  /** An RGB colour prediction as the grey label PNG that is stored instead (class indices through the version's colours). */
  converted?: Uint8Array;
}

/**
 * The `*.png` files directly inside `dir` (case-insensitive extension),
 * sorted by name. Errors: folder missing, no PNG, two files with one stem,
 * more than {@link MAX_PREDICTION_FILES}.
 */
export async function listPredictionFiles(dir: string): Promise<PredictionFile[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    throw new AppError("invalid_input", `${dir}: the predictions folder does not exist or cannot be read.`);
  }
  const files = new Map<string, string>();
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.isFile() || path.extname(entry.name).toLowerCase() !== ".png" || isOsMetadataPath(entry.name)) continue;
    const stem = path.basename(entry.name, path.extname(entry.name));
    if (files.has(stem)) throw new AppError("invalid_input", `${path.join(dir, entry.name)}: two prediction files share the name "${stem}".`);
    files.set(stem, path.join(dir, entry.name));
  }
  if (files.size === 0) throw new AppError("invalid_input", `${dir}: no *.png prediction masks found.`);
  if (files.size > MAX_PREDICTION_FILES) {
    throw new AppError("too_large", `${dir}: ${files.size} prediction masks is more than the ${MAX_PREDICTION_FILES} allowed.`);
  }
  return [...files].map(([sampleName, file]) => ({ sampleName, file }));
}

async function readBounded(file: string): Promise<Uint8Array> {
  const info = await stat(file);
  if (info.size > MAX_PREDICTION_FILE_BYTES) {
    throw new AppError("too_large", `${file}: ${info.size} bytes is more than the ${MAX_PREDICTION_FILE_BYTES} allowed for one file.`);
  }
  return new Uint8Array(await readFile(file));
}

const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Reads and decodes every file as a label map (8/16-bit grey or palette PNG,
 * as the predictions runner will read it; an RGB colour PNG is read through
 * `colors`, the version's class colours, and kept as the grey label PNG it
 * becomes: a colour of no class is a problem of that file, since it most
 * likely means the colours do not match the class list).
 * Values are not checked against the class list: a value outside it counts
 * as a wrong prediction at evaluation time. Returns the good files and, for
 * the per-file report, every file's size or decoding error (a file too
 * large to read throws).
 */
export async function checkPredictionFiles(files: readonly PredictionFile[], colors?: readonly Rgb[]): Promise<{ checked: CheckedPrediction[]; report: PredictionFileCheck[] }> {
  const checked: CheckedPrediction[] = [];
  const report: PredictionFileCheck[] = [];
  for (const f of files) {
    const bytes = await readBounded(f.file);
    try {
      const rgb = colors !== undefined && hasPngSignature(bytes) && isRgbColorType(readPngHeader(bytes, f.file).colorType);
      const map = decodeMask(bytes, { fileName: f.file, maxPixels: MAX_IMAGE_PIXELS, ...(rgb ? { colorTable: colors } : {}) });
      const converted = rgb ? encodeMask(map) : undefined;
      checked.push({ ...f, sha256: sha256Of(converted ?? bytes), width: map.width, height: map.height, ...(converted ? { converted } : {}) });
      report.push({ sampleName: f.sampleName, file: f.file, width: map.width, height: map.height });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      report.push({ sampleName: f.sampleName, file: f.file, error: error.message.replace(`${f.file}: `, "") });
    }
  }
  return { checked, report };
}

/**
 * Stores the checked files in the blob store (content-addressed: a mask
 * already stored is not written again). A file whose bytes changed since it
 * was checked is refused.
 */
export async function storePredictionFiles(files: readonly CheckedPrediction[], store: BlobStore): Promise<void> {
  for (const f of files) {
    const bytes = f.converted ?? (await readBounded(f.file));
    if (sha256Of(bytes) !== f.sha256) throw new AppError("conflict", `${f.file}: the file changed during the import; run it again.`);
    await store.putBlob(bytes, { label: f.file, maxBytes: MAX_PREDICTION_FILE_BYTES });
  }
}
