import "server-only";
import type { ClassEntry as StoredClassEntry } from "@/lib/contracts/classes";

/** What class matching needs of a stored class. */
export type ClassEntry = Pick<StoredClassEntry, "index" | "name">;

/**
 * The prediction LUT between a model's class list and a dataset's: identity
 * (undefined) when the names agree index by index, or when names or an
 * explicit mapping send every class to itself; otherwise classes are
 * matched by name (case-insensitive) and model classes missing from the
 * dataset map to -1 (counted as wrong predictions). An explicit mapping
 * (model index -> dataset index, -1 = none) wins over names.
 */
export function buildPredLut(
  modelClasses: readonly ClassEntry[],
  datasetClasses: readonly ClassEntry[],
  explicit?: Record<string, number>,
): Int32Array | undefined {
  const sameNames =
    modelClasses.length === datasetClasses.length &&
    modelClasses.every((c, i) => c.index === datasetClasses[i].index && c.name.toLowerCase() === datasetClasses[i].name.toLowerCase());
  if (sameNames && !explicit) return undefined;
  const byName = new Map(datasetClasses.map((c) => [c.name.toLowerCase(), c.index]));
  const size = Math.max(256, ...modelClasses.map((c) => c.index + 1));
  const lut = new Int32Array(size).fill(-1);
  for (const c of modelClasses) lut[c.index] = byName.get(c.name.toLowerCase()) ?? -1;
  if (explicit) for (const [from, to] of Object.entries(explicit)) lut[Number(from)] = to;
  return isIdentity(lut, datasetClasses.length) ? undefined : lut;
}

/**
 * True when the LUT changes nothing the scorer would see: class i stays i
 * and every other value is "no class", which the scorer already counts as
 * a wrong prediction without a LUT (so the per-image mapping pass is skipped).
 */
function isIdentity(lut: Int32Array, numClasses: number): boolean {
  if (lut.length < numClasses) return false;
  for (let i = 0; i < lut.length; i++) if (lut[i] !== (i < numClasses ? i : -1) && !(i >= numClasses && lut[i] >= numClasses)) return false;
  return true;
}
