import sharp, { type Metadata } from "sharp";
import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { checkLabelValues } from "@/lib/core/masks";
import { decodeMask } from "@/lib/server/masks/decode-mask";
import { getBlobStore, type BlobStore } from "@/lib/server/storage/blob-store";
import type { ClassDef } from "./classes";

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
  datasetId: string;
  classes: ClassDef[];
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
 * it. Identical samples already stored for this dataset are reused.
 */
export async function createDatasetVersion(
  input: NewDatasetVersion,
  deps: { db?: Db; store?: BlobStore } = {},
): Promise<{ id: string; number: number; sampleCount: number }> {
  const db = deps.db ?? getPrisma();
  const store = deps.store ?? getBlobStore();
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

  return db.$transaction(async (tx) => {
    const last = await tx.datasetVersion.findFirst({ where: { datasetId: input.datasetId }, orderBy: { number: "desc" }, select: { number: true } });
    const number = (last?.number ?? 0) + 1;
    const version = await tx.datasetVersion.create({
      data: {
        datasetId: input.datasetId,
        number,
        classes: input.classes.map((c) => ({ index: c.index, name: c.name, color: c.color })),
        ignoreIndex: input.ignoreIndex,
        sampleCount: stored.length,
        note: input.note ?? "",
      },
      select: { id: true },
    });
    const existing = await tx.sample.findMany({
      where: { datasetId: input.datasetId, name: { in: stored.map((s) => s.sample.name) } },
      select: { id: true, name: true, imageSha256: true, maskSha256: true },
    });
    const sampleKey = (name: string, image: string, mask: string) => `${name}\u0000${image}\u0000${mask}`;
    const reuse = new Map(existing.map((e) => [sampleKey(e.name, e.imageSha256, e.maskSha256), e.id]));
    const sampleIds: string[] = [];
    for (const s of stored) {
      const known = reuse.get(sampleKey(s.sample.name, s.imageSha256, s.maskSha256));
      if (known) {
        sampleIds.push(known);
        continue;
      }
      const created = await tx.sample.create({
        data: {
          datasetId: input.datasetId,
          name: s.sample.name,
          imageSha256: s.imageSha256,
          maskSha256: s.maskSha256,
          imageContentType: s.contentType,
          width: s.width,
          height: s.height,
          metadata: s.sample.metadata ?? undefined,
          tags: { create: [...new Set(s.sample.tags ?? [])].map((tag) => ({ tag })) },
        },
        select: { id: true },
      });
      sampleIds.push(created.id);
    }
    await tx.datasetVersionSample.createMany({
      data: sampleIds.map((sampleId, position) => ({ datasetVersionId: version.id, sampleId, position })),
    });
    return { id: version.id, number, sampleCount: stored.length };
  }, { timeout: 10 * 60_000 });
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
