/** What class matching needs of a class: its output index (model) or label value (dataset) and its name. */
export interface NamedClass {
  index: number;
  name: string;
}

/** Model class index (as a string key) -> dataset class index, or -1 for "not evaluated". */
export type ClassMapping = Record<string, number>;

const key = (name: string) => name.trim().toLowerCase();

/**
 * Matches a model's classes to a dataset's by name, case-insensitively:
 * every model class gets the dataset class of the same name, or -1 (its
 * predictions then count as wrong wherever it is predicted).
 */
export function matchClassesByName(modelClasses: readonly NamedClass[], datasetClasses: readonly NamedClass[]): ClassMapping {
  const byName = new Map(datasetClasses.map((c) => [key(c.name), c.index]));
  return Object.fromEntries(modelClasses.map((c) => [String(c.index), byName.get(key(c.name)) ?? -1]));
}

/**
 * True when a stored mapping scores some model class differently from the
 * match by name (an evaluation stores the by-name mapping when it is
 * created, so a mapping alone says nothing); a class the mapping omits
 * counts as its by-name match.
 */
export function isEditedMapping(mapping: ClassMapping | undefined, modelClasses: readonly NamedClass[], datasetClasses: readonly NamedClass[]): boolean {
  if (!mapping) return false;
  const byName = matchClassesByName(modelClasses, datasetClasses);
  return Object.entries(mapping).some(([k, v]) => v !== (byName[k] ?? -1));
}

/** Number of model class names that a dataset also has (case-insensitive). */
export function countCommonClasses(modelNames: readonly string[], datasetNames: readonly string[]): number {
  const dataset = new Set(datasetNames.map(key));
  return new Set(modelNames.map(key).filter((n) => dataset.has(n))).size;
}

const listNames = (names: readonly string[], max = 8) => (names.length > max ? `${names.slice(0, max).join(", ")}, …` : names.join(", "));

/**
 * "A and B have no class in common (model: …; dataset: …)." for refusals
 * before anything is created; long lists are cut after 8 names.
 */
export function noCommonClassMessage(model: string, dataset: string, modelNames: readonly string[], datasetNames: readonly string[]): string {
  return `${model} and ${dataset} have no class in common (model: ${listNames(modelNames)}; dataset: ${listNames(datasetNames)}).`;
}

export interface MappingReport {
  /** One row per model class: the dataset class it is scored as, or null ("not evaluated"). */
  rows: { model: NamedClass; dataset: NamedClass | null }[];
  /** Model classes mapped to no dataset class: their predictions count as wrong. */
  unmatchedModel: NamedClass[];
  /** Dataset classes no model class maps to: the model can never predict them. */
  unmatchedDataset: NamedClass[];
  /** Dataset classes at least one model class maps to. */
  common: number;
}

/** Explains a mapping (default: by name) for the results page: who maps where, and what is left out on each side. */
export function describeMapping(
  modelClasses: readonly NamedClass[],
  datasetClasses: readonly NamedClass[],
  mapping: ClassMapping = matchClassesByName(modelClasses, datasetClasses),
): MappingReport {
  const byIndex = new Map(datasetClasses.map((c) => [c.index, c]));
  const rows = modelClasses.map((m) => ({ model: m, dataset: byIndex.get(mapping[String(m.index)] ?? -1) ?? null }));
  const hit = new Set(rows.flatMap((r) => (r.dataset ? [r.dataset.index] : [])));
  return {
    rows,
    unmatchedModel: rows.filter((r) => !r.dataset).map((r) => r.model),
    unmatchedDataset: datasetClasses.filter((c) => !hit.has(c.index)),
    common: hit.size,
  };
}

/**
 * Checks a user-edited mapping: keys are model class indices, values a
 * dataset class index or -1. Returns the problem or null.
 */
export function mappingProblem(modelClasses: readonly NamedClass[], datasetClasses: readonly NamedClass[], mapping: ClassMapping): string | null {
  const modelIdx = new Set(modelClasses.map((c) => String(c.index)));
  const datasetIdx = new Set(datasetClasses.map((c) => c.index));
  for (const [from, to] of Object.entries(mapping)) {
    if (!modelIdx.has(from)) return `The model has no class ${from}.`;
    if (to !== -1 && !datasetIdx.has(to)) return `The dataset has no class ${to}.`;
  }
  if (!Object.values(mapping).some((to) => to !== -1)) return "Map at least one model class to a dataset class: with none, nothing can be evaluated.";
  return null;
}
