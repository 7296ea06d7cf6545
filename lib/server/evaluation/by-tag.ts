import "server-only";
import { createHash } from "node:crypto";
import { aggregate, nanToNull, type ImageResult } from "@/lib/core/metrics";
import { tagResultSchema, type EvaluationSummary, type TagResult } from "@/lib/contracts/evaluation-summary";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { listImageResults, listImageTags } from "@/lib/server/db/evaluation-results";
import { findOwnedEvaluation } from "@/lib/server/db/owned";
import { toImageResult } from "./store";

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

/** Results by tag recomputed after a tag edit, per evaluation (the latest tags key only); bounded. */
const recomputed = new Map<string, { key: string; rows: TagResult[] }>();
const RECOMPUTED_KEPT = 256;

/**
 * A finished evaluation's results by tag for the tags its images carry now:
 * tags can be edited after the run (the per-image filter reads them live),
 * so the stored `byTag` is used only while the tags are those it was
 * computed with; otherwise it is recomputed from the stored per-image
 * matrices and kept in memory until the tags change again. Evaluations
 * stored before the key existed are recomputed once per process. Another
 * owner's evaluation is not_found.
 */
export async function currentResultsByTag(
  { ownerId, evaluationId, numClasses, summary }: { ownerId: string; evaluationId: string; numClasses: number; summary: Pick<EvaluationSummary, "byTag" | "byTagKey"> },
  db: Db = getPrisma(),
): Promise<TagResult[]> {
  await findOwnedEvaluation({ ownerId, evaluationId }, db);
  const key = tagsKey(await listImageTags({ evaluationId }, db));
  if (summary.byTag && summary.byTagKey === key) return summary.byTag;
  const cached = recomputed.get(evaluationId);
  if (cached?.key === key) return cached.rows;
  const images = (await listImageResults({ evaluationId }, db)).map((r) => toImageResult(r, numClasses));
  const rows = resultsByTag(images, numClasses).map((r) => tagResultSchema.parse(nanToNull(r)));
  recomputed.delete(evaluationId);
  recomputed.set(evaluationId, { key, rows });
  if (recomputed.size > RECOMPUTED_KEPT) recomputed.delete(recomputed.keys().next().value!);
  return rows;
}
