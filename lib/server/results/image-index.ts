import "server-only";
import { AppError } from "@/lib/core/errors";
import { buildThresholdIndex, fromSparse, imageClassIous, type ThresholdIndex } from "@/lib/core/metrics";
import type { ClassEntry } from "@/lib/contracts/classes";
import type { EvaluationSummary } from "@/lib/contracts/evaluation-summary";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { listImageIndexRows } from "@/lib/server/db/evaluation-results";
import { findResultsHeader } from "@/lib/server/db/evaluations";

/** One evaluated image, as the results endpoints need it. */
export interface IndexedImage {
  sampleId: string;
  name: string;
  tags: string[];
  miou: number | null;
  pixelAccuracy: number | null;
  /** IoU per class (NaN where the class is absent from both masks). */
  ious: Float64Array;
  /** Ground-truth pixels per class (row sums, spill included). */
  gtPixels: Float64Array;
  /** The image's sparse matrix, for "which images confuse k with j". */
  sparse: readonly (readonly [number, number, number])[];
}

/** A finished evaluation's per-image results, prepared once for paging, filtering, threshold and confusion queries. */
export interface ImageIndex {
  evaluationId: string;
  numClasses: number;
  classes: ClassEntry[];
  summary: EvaluationSummary | null;
  images: IndexedImage[];
  tags: string[];
  threshold: ThresholdIndex;
}

const CACHE_SIZE = 4;
const cache = new Map<string, Promise<ImageIndex>>();

/**
 * The image index of an owned, succeeded evaluation (not_found for another
 * owner's id; conflict while it is not finished). A finished evaluation
 * never changes but for its images' tags, so the index is cached in memory
 * by id, finish time and the dataset's tagsVersion (the last few evaluations): parsing 5,000 sparse matrices happens once,
 * every later page, filter or threshold is computed from memory.
 */
export async function loadImageIndex({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()): Promise<ImageIndex> {
  const header = await findResultsHeader({ ownerId, evaluationId }, db);
  if (header.status !== "succeeded" || !header.finishedAt) throw new AppError("conflict", "The evaluation has not finished yet.");
  // Tags are copied into the index: a tag edit, by any process, bumps the dataset's tagsVersion and so makes a new one.
  const key = `${header.id}@${header.finishedAt.toISOString()}#${header.tagsVersion}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = build(ownerId, header, db);
    cache.set(key, entry);
    entry.catch(() => cache.delete(key));
    while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  }
  return entry;
}

async function build(ownerId: string, header: Awaited<ReturnType<typeof findResultsHeader>>, db: Db): Promise<ImageIndex> {
  const k = header.classes.length;
  const rows = await listImageIndexRows({ ownerId, evaluationId: header.id }, db);
  const images = rows.map((r): IndexedImage => {
    const cm = fromSparse(k, r.confusion);
    const gtPixels = new Float64Array(k);
    for (const [g, , n] of r.confusion) gtPixels[g] += n;
    return { sampleId: r.sampleId, name: r.name, tags: r.tags, miou: r.miou, pixelAccuracy: r.pixelAccuracy, ious: imageClassIous(cm), gtPixels, sparse: r.confusion };
  });
  const tags = [...new Set(images.flatMap((i) => i.tags))].sort();
  return {
    evaluationId: header.id,
    numClasses: k,
    classes: header.classes,
    summary: header.summary,
    images,
    tags,
    threshold: buildThresholdIndex(k, images.map((i) => i.ious)),
  };
}
