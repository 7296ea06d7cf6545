/** A column the per-class results table can be sorted by ("index" is the dataset's class order). */
export type ClassSortKey = "index" | "name" | "iou" | "dice" | "precision" | "recall" | "boundaryIou" | "tp" | "fp" | "fn" | "imagesPresent";

export interface ClassSort {
  key: ClassSortKey;
  dir: "asc" | "desc";
}

/** Columns where more is worse (missed and wrong pixels): their first click puts the most first. */
const MORE_IS_WORSE: ReadonlySet<ClassSortKey> = new Set(["fp", "fn"]);

/**
 * What a header click does next: a new column sorts worst first (ascending
 * for scores, descending for the FP and FN pixel counts), the same column
 * flips, and a second flip returns to class order.
 */
export function nextClassSort(current: ClassSort, key: ClassSortKey): ClassSort {
  const first = MORE_IS_WORSE.has(key) ? "desc" : "asc";
  if (current.key !== key) return { key, dir: first };
  return current.dir === first ? { key, dir: first === "asc" ? "desc" : "asc" } : { key: "index", dir: "asc" };
}

interface SortableClassRow {
  classIndex: number;
  name: string;
  iou: number | null;
  dice: number | null;
  precision: number | null;
  recall: number | null;
  boundaryIou: number | null;
  tp: number;
  fp: number;
  fn: number;
  imagesPresent: number;
}

/**
 * The per-class rows in the order of `sort`, as a new array. A value that is
 * not defined (null: the class is absent from ground truth and prediction)
 * goes last in both directions, so "worst first" never starts with n/a rows;
 * ties keep the class order. Names compare case-insensitively.
 */
export function sortClassRows<T extends SortableClassRow>(rows: readonly T[], sort: ClassSort): T[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  const byIndex = (a: T, b: T) => a.classIndex - b.classIndex;
  if (sort.key === "index") return [...rows].sort((a, b) => sign * byIndex(a, b));
  if (sort.key === "name") return [...rows].sort((a, b) => sign * a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || byIndex(a, b));
  const key = sort.key;
  return [...rows].sort((a, b) => {
    const [x, y] = [a[key], b[key]];
    if (x === null || y === null) return x === y ? byIndex(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byIndex(a, b);
  });
}
