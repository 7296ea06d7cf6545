import { createConfusion, fromSparse, mergeConfusion, type ConfusionMatrix } from "./confusion";

/** The dataset-level matrix: the sum of per-image matrices (any order gives the same totals). */
export function sumConfusions(numClasses: number, images: readonly ConfusionMatrix[]): ConfusionMatrix {
  const total = createConfusion(numClasses);
  for (const cm of images) mergeConfusion(total, cm);
  return total;
}

/** The dataset-level matrix summed straight from stored sparse `[gt, predColumn, count]` lists. */
export function sumSparseConfusions(numClasses: number, images: Iterable<readonly (readonly [number, number, number])[]>): ConfusionMatrix {
  const total = createConfusion(numClasses);
  for (const sparse of images) mergeConfusion(total, fromSparse(numClasses, sparse));
  return total;
}

/** Dense rows for JSON: numClasses rows of numClasses + 1 counts (last = spill column "outside class list"). */
export function toDenseRows(cm: ConfusionMatrix): number[][] {
  const cols = cm.numClasses + 1;
  return Array.from({ length: cm.numClasses }, (_, g) => Array.from(cm.counts.subarray(g * cols, (g + 1) * cols)));
}
