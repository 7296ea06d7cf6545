import "server-only";
import { createHash } from "node:crypto";
import { aggregate, fromSparse, nanToNull, type ImageResult } from "@/lib/core/metrics";
import { tagResultSchema, type TagResult } from "@/lib/contracts/evaluation-summary";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { loadImageIndex, type ImageIndex } from "@/lib/server/results/image-index";

/** In-memory scores of one tag (NaN when undefined); stored as `TagResult` of lib/contracts/evaluation-summary. */
export interface TagScores {
  /** The tag, or null for images without any tag. */
  tag: string | null;
  images: number;
  /** Dataset-level scores over this tag's images only; NaN when undefined. */
  miou: number;
  mdice: number;
  pixelAccuracy: number;
  perClassIou: number[];
}

/**
 * Dataset-level scores per scenario tag (occluded, low-light, …), each
 * computed from the stored matrices of the images carrying the tag, plus
 * one group for untagged images. An image with two tags counts in both.
 * Tags are sorted by name; the untagged group comes last.
 */
export function resultsByTag(images: readonly ImageResult[], numClasses: number): TagScores[] {
  const groups = new Map<string | null, ImageResult[]>();
  for (const image of images) {
    const tags = image.tags?.length ? image.tags : [null];
    for (const tag of tags) {
      const list = groups.get(tag) ?? [];
      list.push(image);
      groups.set(tag, list);
    }
  }
  const keys = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  return keys.map((tag) => {
    const subset = groups.get(tag)!;
    const scores = aggregate(subset, numClasses).datasetLevel;
    return {
      tag,
      images: subset.length,
      miou: scores.miou,
      mdice: scores.mdice,
      pixelAccuracy: scores.pixelAccuracy,
      perClassIou: scores.perClass.map((c) => c.iou),
    };
  });
}

/**
 * A fingerprint of which tags an evaluation's images carry (sha256 of the
 * sorted JSON [name, ...tags] lines, so no character in a name or tag can
 * run two apart into one; an image's tag order does not count), stored
 * with the results by tag so that a later tag edit is noticed.
 */
export function tagsKey(images: readonly { name: string; tags?: readonly string[] }[]): string {
  const lines = images.map((i) => JSON.stringify([i.name, ...[...(i.tags ?? [])].sort()])).sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex");
}

/** Results by tag recomputed after a tag edit, per image index (which is rebuilt when tags change). */
const recomputed = new WeakMap<ImageIndex, TagResult[]>();

/**
 * A finished evaluation's results by tag for the tags its images carry now,
 * read from the same cached image index as the per-image filter (so the two
 * agree; the index is rebuilt after a tag edit): the stored `byTag` while
 * the tags are those it was computed with, otherwise recomputed from the
 * index's per-image matrices, once per index. Evaluations stored before the
 * key existed are recomputed once per process. Another owner's evaluation
 * is not_found; one that has not finished is a conflict.
 */
export async function currentResultsByTag({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()): Promise<TagResult[]> {
  const index = await loadImageIndex({ ownerId, evaluationId }, db);
  const { summary, numClasses } = index;
  if (summary?.byTag && summary.byTagKey === tagsKey(index.images)) return summary.byTag;
  let rows = recomputed.get(index);
  if (!rows) {
    const images = index.images.map((i) => ({ name: i.name, tags: i.tags, confusion: fromSparse(numClasses, i.sparse) }));
    rows = resultsByTag(images, numClasses).map((r) => tagResultSchema.parse(nanToNull(r)));
    recomputed.set(index, rows);
  }
  return rows;
}
