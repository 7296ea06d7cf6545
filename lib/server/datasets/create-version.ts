import "server-only";
import { createHash } from "node:crypto";
import sharp, { type Metadata } from "sharp";
import { AppError } from "@/lib/core/errors";
import type { ClassEntry } from "@/lib/contracts/classes";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { abandonDatasetImport, commitDatasetImport, createDatasetImport, stageImportSamples } from "@/lib/server/db/dataset-imports";
import { newHolderId } from "@/lib/server/db/holder";
import { findOwnedApp, findOwnedDataset } from "@/lib/server/db/owned";
import type { StoredSample } from "@/lib/server/db/samples";
import { countClassPixels } from "./import/mask-reader";
import { checkLabelValues, encodeLabelMap, isRgbColorType, readPngHeader, type Rgb } from "@/lib/core/masks";
import { MAX_IMAGE_PIXELS } from "@/lib/server/limits";
import { decodeMask } from "@/lib/server/masks/decode-mask";
import { getBlobStore, type BlobStore } from "@/lib/server/storage/blob-store";

export { MAX_IMAGE_PIXELS };

/** Samples staged per transaction: each one holds SQLite's write lock for a few milliseconds. */
export const IMPORT_BATCH_SIZE = 250;
/** A streamed batch is also flushed once its bytes pass this, so memory stays bounded with full-HD images. */
export const IMPORT_BATCH_BYTES = 48 * 1024 ** 2;

export interface NewSample {
  /** File stem; unique within the version. */
  name: string;
  image: Uint8Array;
  imageFileName: string;
  mask: Uint8Array;
  maskFileName: string;
  tags?: string[];
  metadata?: Record<string, string | number | boolean>;
  /**
   * Class index -> pixels, when the caller has already decoded the mask
   * into class indices and checked its values (the import pipeline does);
   * the mask is then not decoded again here.
   */
  classPixels?: Record<string, number>;
}

/** A sample of an earlier version carried into the new one unchanged (shared, not copied). */
export interface KeptSample {
  kept: StoredSample;
}

/** An array (checked whole before anything is written) or a stream (checked as it goes, staged per batch). */
export type SampleInput = readonly NewSample[] | AsyncIterable<NewSample | KeptSample>;

export interface NewDatasetVersion {
  /** The dataset's owner; another owner's dataset is not_found. */
  ownerId: string;
  datasetId: string;
  classes: readonly ClassEntry[];
  ignoreIndex: number | null;
  note?: string;
  samples: SampleInput;
  /**
   * How RGB(A) colour masks map to classes (from a classes file with
   * colours). Such masks are stored converted to grey label PNGs, the form
   * the engine reads. Null or absent: colour masks are refused.
   */
  maskColors?: MaskColors | null;
}

export interface MaskColors {
  /** Class index -> colour. */
  colorTable: readonly Rgb[];
  /** Further colours, e.g. the void colour -> the ignore index. */
  extra?: readonly { value: number; color: Rgb }[];
}

export interface ImportDeps {
  db?: Db;
  store?: BlobStore;
  /** Called after each staged batch with the samples staged so far (progress, fault tests). */
  onBatch?: (staged: number, total: number) => void | Promise<void>;
}

const IMAGE_TYPES: Record<string, string> = { png: "image/png", jpeg: "image/jpeg", jpg: "image/jpeg", webp: "image/webp" };

/**
 * Validates every sample and creates the dataset's next version; see
 * {@link stageAndCommitVersion}. The first bad file stops the import with an
 * error naming it, before anything is written.
 */
export async function createDatasetVersion(input: NewDatasetVersion, deps: ImportDeps = {}) {
  const db = deps.db ?? getPrisma();
  const dataset = await findOwnedDataset({ ownerId: input.ownerId, datasetId: input.datasetId }, db);
  const { id, number, sampleCount } = await stageAndCommitVersion({ ...input, appId: dataset.appId, datasetId: dataset.id, datasetName: dataset.name }, { ...deps, db });
  return { id, number, sampleCount };
}

/**
 * Imports a version into dataset `datasetName` of an owned app, creating the
 * dataset at the final step when it does not exist (so a failed or killed
 * import leaves no empty dataset behind).
 */
export async function importDatasetVersion(
  input: Omit<NewDatasetVersion, "datasetId"> & { appId: string; datasetName: string },
  deps: ImportDeps = {},
) {
  const db = deps.db ?? getPrisma();
  const app = await findOwnedApp({ ownerId: input.ownerId, appId: input.appId }, db);
  return stageAndCommitVersion({ ...input, appId: app.id, datasetId: null }, { ...deps, db });
}

/**
 * Checks every sample (image decodable and of a supported type, mask
 * decodable, same size as its image, values inside the class list or the
 * ignore index), then stages the samples in batches — each batch's rows in
 * one short transaction, then its blobs — and flips the staged import into
 * a version in one final transaction (db/dataset-imports.ts). Nothing is
 * visible before the flip; a failure drops the staging rows and leaves its
 * blobs to the sweep.
 */
async function stageAndCommitVersion(
  input: Omit<NewDatasetVersion, "datasetId" | "ownerId"> & { appId: string; datasetId: string | null; datasetName: string },
  deps: ImportDeps & { db: Db },
) {
  const { db } = deps;
  const store = deps.store ?? getBlobStore();
  const colors = input.maskColors ?? null;
  const check = (sample: NewSample) => checkSample(sample, input.classes, input.ignoreIndex, colors);
  let source: AsyncIterable<Checked>;
  let total = 0;
  if (isArray(input.samples)) {
    if (input.samples.length === 0) throw new AppError("invalid_input", "The dataset version has no samples.");
    const checked = await checkAll(input.samples, check);
    total = checked.length;
    source = (async function* () {
      yield* checked;
    })();
  } else {
    source = checkStream(input.samples, check);
  }
  const importId = await createDatasetImport(
    { appId: input.appId, datasetId: input.datasetId, datasetName: input.datasetName, classes: input.classes, ignoreIndex: input.ignoreIndex, note: input.note ?? "", holderId: newHolderId() },
    db,
  );
  try {
    let staged = 0;
    let batch: Checked[] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await stageImportSamples({ importId, firstPosition: staged, samples: batch.map((c) => c.stored) }, db);
      for (const c of batch) {
        if (!c.sample) continue;
        await store.putBlob(c.sample.image, { label: c.sample.imageFileName });
        await store.putBlob(c.sample.mask, { label: c.sample.maskFileName });
      }
      staged += batch.length;
      batch = [];
      batchBytes = 0;
      await deps.onBatch?.(staged, Math.max(total, staged));
    };
    for await (const c of source) {
      batch.push(c);
      batchBytes += c.sample ? c.sample.image.length + c.sample.mask.length : 0;
      if (batch.length >= IMPORT_BATCH_SIZE || batchBytes >= IMPORT_BATCH_BYTES) await flush();
    }
    await flush();
    if (staged === 0) throw new AppError("invalid_input", "The dataset version has no samples.");
    return await commitDatasetImport({ importId }, db);
  } catch (error) {
    await abandonDatasetImport({ importId }, db).catch(() => {});
    throw error;
  }
}

interface Checked {
  /** Null for a kept sample: its blobs are stored already. */
  sample: NewSample | null;
  stored: StoredSample;
}

const isArray = (samples: SampleInput): samples is readonly NewSample[] => Array.isArray(samples);

async function checkAll(samples: readonly NewSample[], check: (s: NewSample) => Promise<Checked>): Promise<Checked[]> {
  const names = new Set<string>();
  const out: Checked[] = [];
  for (const sample of samples) {
    refuseDuplicate(names, sample.name, sample.imageFileName);
    out.push(await check(sample));
  }
  return out;
}

async function* checkStream(samples: AsyncIterable<NewSample | KeptSample>, check: (s: NewSample) => Promise<Checked>): AsyncGenerator<Checked> {
  const names = new Set<string>();
  for await (const item of samples) {
    if ("kept" in item) {
      refuseDuplicate(names, item.kept.name, item.kept.name);
      yield { sample: null, stored: item.kept };
    } else {
      refuseDuplicate(names, item.name, item.imageFileName);
      yield await check(item);
    }
  }
}

function refuseDuplicate(names: Set<string>, name: string, file: string): void {
  if (names.has(name)) throw new AppError("invalid_input", `${file}: two samples are named "${name}".`);
  names.add(name);
}

const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** RGB and RGBA PNG colour types. */

/**
 * Checks one sample: image decodable and of a supported type, mask the same
 * size, values inside the class list or the ignore index (skipped when the
 * caller passes `classPixels`: its mask is normalized and checked already).
 * RGB colour masks are converted to grey label PNGs through `colors`.
 */
async function checkSample(input: NewSample, classes: readonly ClassEntry[], ignoreIndex: number | null, colors: MaskColors | null): Promise<Checked> {
  let sample = input;
  const { width, height, contentType } = await inspectImage(sample.image, sample.imageFileName);
  const header = readPngHeader(sample.mask, sample.maskFileName);
  let classPixels = sample.classPixels;
  let maskWidth = header.width;
  let maskHeight = header.height;
  if (!classPixels) {
    const colourMask = isRgbColorType(header.colorType);
    if (colourMask && !colors) {
      throw new AppError(
        "invalid_input",
        `${sample.maskFileName}: RGB colour mask, but the classes file gives no colour for every class; add "color": [r, g, b] to each class (or save masks as grey or palette PNGs of class indices).`,
      );
    }
    const mask = decodeMask(sample.mask, {
      fileName: sample.maskFileName,
      maxPixels: MAX_IMAGE_PIXELS,
      colorTable: colors?.colorTable,
      colorTableExtra: colors?.extra,
    });
    if (colourMask) sample = { ...sample, mask: encodeLabelMap(mask) };
    ({ width: maskWidth, height: maskHeight } = mask);
    if (maskWidth === width && maskHeight === height) {
      checkLabelValues(mask, {
        numClasses: classes.length,
        ignoreValues: ignoreIndex === null ? [] : [ignoreIndex],
        fileName: sample.maskFileName,
        role: "ground truth",
      });
    }
    classPixels = countClassPixels(mask);
  }
  if (maskWidth !== width || maskHeight !== height) {
    throw new AppError("invalid_input", `${sample.maskFileName}: mask is ${maskWidth}x${maskHeight} but its image ${sample.imageFileName} is ${width}x${height}.`);
  }
  const stored: StoredSample = {
    name: sample.name,
    imageSha256: sha256Of(sample.image),
    maskSha256: sha256Of(sample.mask),
    contentType,
    width,
    height,
    tags: sample.tags,
    metadata: { ...sample.metadata, classPixels },
  };
  return { sample, stored };
}

async function inspectImage(bytes: Uint8Array, fileName: string): Promise<{ width: number; height: number; contentType: string }> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  } catch (error) {
    throw new AppError("invalid_input", `${fileName}: not a readable image (${(error as Error).message}).`);
  }
  const contentType = meta.format ? IMAGE_TYPES[meta.format] : undefined;
  if (!contentType || !meta.width || !meta.height) {
    throw new AppError("invalid_input", `${fileName}: unsupported image format "${meta.format ?? "unknown"}" (use PNG, JPEG or WebP).`);
  }
  return { width: meta.width, height: meta.height, contentType };
}
