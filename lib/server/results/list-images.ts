import "server-only";
import type { ImageRowDto, ImagesPageDto, ImagesQuery } from "@/lib/contracts/results";
import type { IndexedImage, ImageIndex } from "./image-index";

const defined = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);

/** Ascending with undefined values last, ties by name (a stable, deterministic order). */
function worstFirst(a: number | null, b: number | null, an: string, bn: string): number {
  if (!defined(a) || !defined(b)) return defined(a) ? -1 : defined(b) ? 1 : an.localeCompare(bn);
  return a - b || an.localeCompare(bn);
}

/**
 * One page of the per-image browser from the image index: filtered by tag
 * and by a class present in the ground truth, sorted worst first by the
 * image's mIoU or by one class's IoU (images where that class is undefined
 * last), then sliced. A page past the end is empty.
 */
export function listImages(index: ImageIndex, query: ImagesQuery): ImagesPageDto {
  const sortClass = query.sort === "miou" ? null : Number(query.sort.slice("class:".length));
  const classOf = (im: IndexedImage) => (sortClass === null || sortClass >= index.numClasses ? null : im.ious[sortClass]);
  const filtered = index.images.filter(
    (im) => (query.tag === undefined || im.tags.includes(query.tag)) && (query.classPresent === undefined || (im.gtPixels[query.classPresent] ?? 0) > 0),
  );
  const sorted = filtered.sort((a, b) => (sortClass === null ? worstFirst(a.miou, b.miou, a.name, b.name) : worstFirst(classOf(a), classOf(b), a.name, b.name)));
  const start = (query.page - 1) * query.pageSize;
  const items = sorted.slice(start, start + query.pageSize).map(
    (im): ImageRowDto => ({
      sampleId: im.sampleId,
      name: im.name,
      tags: im.tags,
      miou: defined(im.miou) ? im.miou : null,
      pixelAccuracy: defined(im.pixelAccuracy) ? im.pixelAccuracy : null,
      classIou: sortClass === null ? null : ((v) => (defined(v) ? v : null))(classOf(im)),
      classesPresent: Array.from(im.gtPixels.keys()).filter((c) => im.gtPixels[c] > 0),
    }),
  );
  return { total: filtered.length, page: query.page, pageSize: query.pageSize, pages: Math.max(1, Math.ceil(filtered.length / query.pageSize)), items, tags: index.tags };
}
