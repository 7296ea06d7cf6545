import { plural } from "@/lib/core/charts/score-format";
import type { DatasetVersionPickerGroupDto } from "@/lib/contracts/dataset-picker";

export interface DatasetVersionOption {
  /** The dataset version's id (what the form sends). */
  id: string;
  label: string;
  classNames: string[];
  /** The classes' colours, parallel to `classNames` (empty when unknown). */
  classColors: [number, number, number][];
}

/** One `<optgroup>`: a dataset (with its app) and its versions, newest first. */
export interface DatasetVersionOptionGroup {
  label: string;
  options: DatasetVersionOption[];
}

/**
 * The `<optgroup>`s of a select that names one exact dataset version: one
 * group per dataset, every version in it ("city-val v1 (48 samples)", the
 * newest marked "latest"). `detail` "classes" labels by class count instead,
 * for copying a version's class list.
 */
export function datasetVersionOptions(groups: readonly DatasetVersionPickerGroupDto[], detail: "samples" | "classes" = "samples"): DatasetVersionOptionGroup[] {
  return groups.flatMap((g) =>
    g.datasets.map((d) => ({
      label: `${d.name} (${g.app.name})`,
      options: d.versions.map((v, i) => ({
        id: v.id,
        label: `${d.name} v${v.number} (${detail === "samples" ? plural(v.sampleCount, "sample") : plural(v.classNames.length, "class", "classes")})${i === 0 ? " — latest" : ""}`,
        classNames: v.classNames,
        classColors: v.classColors,
      })),
    })),
  );
}
