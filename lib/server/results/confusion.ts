import "server-only";
import { AppError } from "@/lib/core/errors";
import { sumSparseConfusions, toDenseRows } from "@/lib/core/metrics";
import type { ConfusionImagesDto, ConfusionMatrixDto } from "@/lib/contracts/results";
import type { ImageIndex } from "./image-index";

/**
 * The dataset-level confusion matrix of an indexed evaluation: the one
 * stored in the summary at finalize, or, for evaluations finished before it
 * was stored, the sum of the per-image sparse matrices (the same numbers).
 */
export function confusionMatrixOf(index: ImageIndex): ConfusionMatrixDto {
  const stored = index.summary?.confusion;
  const matrix = stored && stored.length === index.numClasses ? stored : toDenseRows(sumSparseConfusions(index.numClasses, index.images.map((i) => i.sparse)));
  return { classes: index.classes.map((c) => ({ index: c.index, name: c.name, color: c.color })), matrix };
}

/**
 * The images where ground-truth class `gt` is predicted as column `pred`
 * (a class index, or numClasses = outside the class list) the most pixels,
 * largest first (ties by name), with that count's share of the image's
 * ground-truth pixels of `gt`: `take` of them from position `skip`, with
 * `total`, the number of images that have this confusion at all.
 */
export function confusionImages(index: ImageIndex, { gt, pred, skip = 0, take = 12 }: { gt: number; pred: number; skip?: number; take?: number }): ConfusionImagesDto {
  const k = index.numClasses;
  if (!(gt >= 0 && gt < k && pred >= 0 && pred <= k)) throw new AppError("invalid_input", `No cell [${gt}, ${pred}] in a ${k}-class matrix.`);
  const hits: { im: ImageIndex["images"][number]; pixels: number }[] = [];
  for (const im of index.images) {
    let pixels = 0;
    for (const [g, p, n] of im.sparse) if (g === gt && p === pred) pixels += n;
    if (pixels > 0) hits.push({ im, pixels });
  }
  hits.sort((a, b) => b.pixels - a.pixels || a.im.name.localeCompare(b.im.name));
  return {
    gt,
    pred,
    total: hits.length,
    items: hits.slice(skip, skip + take).map(({ im, pixels }) => ({
      sampleId: im.sampleId,
      name: im.name,
      tags: im.tags,
      miou: im.miou !== null && Number.isFinite(im.miou) ? im.miou : null,
      pixels,
      rowShare: im.gtPixels[gt] > 0 ? pixels / im.gtPixels[gt] : null,
    })),
  };
}
