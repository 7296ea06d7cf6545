import "server-only";
import { aggregate, type ImageResult } from "@/lib/core/metrics";

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
