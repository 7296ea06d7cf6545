import "server-only";
import { getPrisma, type Db, type Tx } from "./client";
import { ownedBy, requireRow } from "./owner-scope";

/** A checked sample whose image and mask are already in the blob store. */
export interface StoredSample {
  name: string;
  imageSha256: string;
  maskSha256: string;
  contentType: string;
  width: number;
  height: number;
  tags?: readonly string[];
  /** Free metadata; `classPixels` (mask value -> pixels, void included: each version leaves out its own) feeds version statistics and the class filter. */
  metadata?: SampleMetadata;
}

export type SampleMetadata = Record<string, string | number | boolean | Record<string, number>>;

/**
 * Links `samples` to a new dataset version in order (inside its
 * transaction), reusing identical samples already stored for the dataset.
 */
export async function insertSamplesForVersion(
  tx: Tx,
  { datasetId, datasetVersionId, samples }: { datasetId: string; datasetVersionId: string; samples: readonly StoredSample[] },
): Promise<void> {
  const existing = await tx.sample.findMany({
    where: { datasetId, name: { in: samples.map((s) => s.name) } },
    select: { id: true, name: true, imageSha256: true, maskSha256: true },
  });
  const sampleKey = (name: string, image: string, mask: string) => `${name}\u0000${image}\u0000${mask}`;
  const reuse = new Map(existing.map((e) => [sampleKey(e.name, e.imageSha256, e.maskSha256), e.id]));
  const sampleIds: string[] = [];
  for (const s of samples) {
    const known = reuse.get(sampleKey(s.name, s.imageSha256, s.maskSha256));
    if (known) {
      sampleIds.push(known);
      continue;
    }
    const created = await tx.sample.create({
      data: {
        datasetId,
        name: s.name,
        imageSha256: s.imageSha256,
        maskSha256: s.maskSha256,
        imageContentType: s.contentType,
        width: s.width,
        height: s.height,
        metadata: s.metadata ?? undefined,
        tags: { create: [...new Set(s.tags ?? [])].map((tag) => ({ tag })) },
      },
      select: { id: true },
    });
    sampleIds.push(created.id);
  }
  await tx.datasetVersionSample.createMany({ data: sampleIds.map((sampleId, position) => ({ datasetVersionId, sampleId, position })) });
}

/** The samples of a dataset version in order, with their tags, for the evaluation worker. */
export async function listVersionSamples({ datasetVersionId }: { datasetVersionId: string }, db: Db = getPrisma()) {
  const rows = await db.datasetVersionSample.findMany({
    where: { datasetVersionId },
    orderBy: { position: "asc" },
    select: {
      sample: {
        select: { id: true, name: true, imageSha256: true, maskSha256: true, width: true, height: true, tags: { select: { tag: true } } },
      },
    },
  });
  return rows.map((r) => ({ ...r.sample, tags: r.sample.tags.map((t) => t.tag) }));
}

/**
 * The blob of a sample's image or mask, only for its owner; not_found for
 * missing samples and other owners' samples.
 */
export async function getOwnedSampleBlob(
  { ownerId, sampleId, kind }: { ownerId: string; sampleId: string; kind: "image" | "mask" },
  db: Db = getPrisma(),
) {
  const found = await db.sample.findFirst({
    where: { id: sampleId, ...ownedBy.sample(ownerId) },
    select: { name: true, imageSha256: true, imageContentType: true, maskSha256: true },
  });
  const sample = requireRow(found, "Sample");
  return kind === "image"
    ? { sha256: sample.imageSha256, contentType: sample.imageContentType, fileName: sample.name }
    : { sha256: sample.maskSha256, contentType: "image/png", fileName: `${sample.name}.png` };
}

/**
 * Streams a version's samples in position order as {@link StoredSample}s
 * (with tags and metadata), `pageSize` rows per query, so a version of any
 * size is copied into a new one without holding it in memory.
 */
export async function* iterateVersionSamples(
  { datasetVersionId, pageSize = 500 }: { datasetVersionId: string; pageSize?: number },
  db: Db = getPrisma(),
): AsyncGenerator<StoredSample> {
  let after = -1;
  for (;;) {
    const rows = await db.datasetVersionSample.findMany({
      where: { datasetVersionId, position: { gt: after } },
      orderBy: { position: "asc" },
      take: pageSize,
      select: {
        position: true,
        sample: {
          select: {
            name: true,
            imageSha256: true,
            maskSha256: true,
            imageContentType: true,
            width: true,
            height: true,
            metadata: true,
            tags: { select: { tag: true } },
          },
        },
      },
    });
    for (const { sample: s } of rows) {
      yield {
        name: s.name,
        imageSha256: s.imageSha256,
        maskSha256: s.maskSha256,
        contentType: s.imageContentType,
        width: s.width,
        height: s.height,
        tags: s.tags.map((t) => t.tag),
        metadata: (s.metadata ?? undefined) as SampleMetadata | undefined,
      };
    }
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].position;
  }
}

/** The tags of a version's samples by sample name (samples without tags are absent): what an update keeps for a replaced sample. */
export async function listVersionTagsByName({ datasetVersionId }: { datasetVersionId: string }, db: Db = getPrisma()): Promise<Map<string, string[]>> {
  const rows = await db.sampleTag.findMany({
    where: { sample: { versions: { some: { datasetVersionId } } } },
    select: { tag: true, sample: { select: { name: true } } },
    orderBy: { tag: "asc" },
  });
  const byName = new Map<string, string[]>();
  for (const r of rows) byName.set(r.sample.name, [...(byName.get(r.sample.name) ?? []), r.tag]);
  return byName;
}
