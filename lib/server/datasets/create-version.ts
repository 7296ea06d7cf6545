import sharp, { type Metadata } from "sharp";
import { AppError } from "@/lib/core/errors";
import type { ClassEntry } from "@/lib/contracts/classes";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { insertDatasetVersion } from "@/lib/server/db/dataset-versions";
import { findOwnedDataset } from "@/lib/server/db/owned";
import { checkLabelValues } from "@/lib/core/masks";
import { decodeMask } from "@/lib/server/masks/decode-mask";
import { getBlobStore, type BlobStore } from "@/lib/server/storage/blob-store";

/** Upper bound on one image's pixel count (a 10k x 10k image). */
export const MAX_IMAGE_PIXELS = 100_000_000;

export interface NewSample {
  /** File stem; unique within the version. */
  name: string;
  image: Uint8Array;
  imageFileName: string;
  mask: Uint8Array;
  maskFileName: string;
  tags?: string[];
  metadata?: Record<string, string | number | boolean>;
}

export interface NewDatasetVersion {
  /** The dataset's owner; another owner's dataset is not_found. */
  ownerId: string;
  datasetId: string;
  classes: readonly ClassEntry[];
  ignoreIndex: number | null;
  note?: string;
  samples: NewSample[];
}

const IMAGE_TYPES: Record<string, string> = { png: "image/png", jpeg: "image/jpeg", jpg: "image/jpeg", webp: "image/webp" };

/**
 * Validates every sample (image decodable and of a supported type, mask
 * decodable, same size as its image, values inside the class list or the
 * ignore index), then stores the blobs and creates the next version number
 * with all its samples in one transaction: a dataset version appears whole
 * or not at all. The first bad file stops the import with an error naming
 * it. Identical samples already stored for this dataset are reused. The
 * version number is the dataset's next (db/versions.ts).
 */
export async function createDatasetVersion(
  input: NewDatasetVersion,
  deps: { db?: Db; store?: BlobStore } = {},
): Promise<{ id: string; number: number; sampleCount: number }> {
  const db = deps.db ?? getPrisma();
  const store = deps.store ?? getBlobStore();
  const dataset = await findOwnedDataset({ ownerId: input.ownerId, datasetId: input.datasetId }, db);
  if (input.samples.length === 0) throw new AppError("invalid_input", "The dataset version has no samples.");
  const names = new Set<string>();
  const checked: { sample: NewSample; width: number; height: number; contentType: string }[] = [];
  for (const sample of input.samples) {
    if (names.has(sample.name)) throw new AppError("invalid_input", `${sample.imageFileName}: two samples are named "${sample.name}".`);
    names.add(sample.name);
    const { width, height, contentType } = await inspectImage(sample.image, sample.imageFileName);
    const mask = decodeMask(sample.mask, { fileName: sample.maskFileName, maxPixels: MAX_IMAGE_PIXELS });
    if (mask.width !== width || mask.height !== height) {
      throw new AppError(
        "invalid_input",
        `${sample.maskFileName}: mask is ${mask.width}x${mask.height} but its image ${sample.imageFileName} is ${width}x${height}.`,
      );
    }
    checkLabelValues(mask, {
      numClasses: input.classes.length,
      ignoreValues: input.ignoreIndex === null ? [] : [input.ignoreIndex],
      fileName: sample.maskFileName,
      role: "ground truth",
    });
    checked.push({ sample, width, height, contentType });
  }

  const stored: { sample: NewSample; width: number; height: number; contentType: string; imageSha256: string; maskSha256: string }[] = [];
  for (const c of checked) {
    const image = await store.putBlob(c.sample.image, { label: c.sample.imageFileName });
    const mask = await store.putBlob(c.sample.mask, { label: c.sample.maskFileName });
    stored.push({ ...c, imageSha256: image.sha256, maskSha256: mask.sha256 });
  }

  return insertDatasetVersion(
    {
      datasetId: dataset.id,
      classes: input.classes,
      ignoreIndex: input.ignoreIndex,
      note: input.note ?? "",
      samples: stored.map(({ sample, ...s }) => ({ ...s, name: sample.name, tags: sample.tags, metadata: sample.metadata })),
    },
    db,
  );
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
