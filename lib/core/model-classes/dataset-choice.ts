import { countCommonClasses } from "./match";

/** What a picker knows of a model version to decide which datasets it can evaluate. */
export interface PickerModelVersion {
  runnerKind: string;
  classNames: readonly string[];
  /** For `predictions` versions: the dataset versions every sample of which has an uploaded prediction. */
  predictionsFor: readonly string[];
  /** The same dataset versions with their dataset id and number. */
  predictedVersions?: readonly { id: string; datasetId: string; number: number }[];
  /** The largest image it can take (a fixed input size with resize "none": larger images are refused); null: any. */
  largestImage?: ImageSize | null;
}

export interface ImageSize {
  width: number;
  height: number;
}

/** A dataset version as a picker shows it. */
export interface PickerDatasetVersion {
  id: string;
  classNames: readonly string[];
  /** The widest and the tallest of its images (each its own maximum); null or absent: not known. */
  largestImage?: ImageSize | null;
}

/**
 * Why a model that takes images up to `model` cannot evaluate a dataset
 * whose images go up to `dataset`, or null when every image fits. Used by
 * the picker and by the check when an evaluation is created, so they agree.
 */
export function imageSizeProblem(model: ImageSize | null | undefined, dataset: ImageSize | null | undefined): string | null {
  if (!model || !dataset || (dataset.width <= model.width && dataset.height <= model.height)) return null;
  return `images larger than the model's ${model.width}x${model.height} input (resize "none")`;
}

export type DatasetChoice = { enabled: true; detail: string } | { enabled: false; reason: string };

export const NO_PREDICTIONS_REASON = "no predictions uploaded for this dataset";
export const NO_COMMON_CLASS_REASON = "no class in common with the model";
/** A predictions version's reason for a dataset whose latest version it has no predictions for, but an older one. */
export const OLDER_PREDICTIONS_REASON = "predictions only for an older version (choose it under Evaluate with a new Dataset)";

/**
 * Whether a model version can evaluate a dataset version, and what to say:
 * a `predictions` version only the dataset versions it has predictions for;
 * an `onnx`/`http` version any dataset with a class in common whose images
 * it can take, shown as "9 of 9 classes" (dataset classes the model also has).
 */
export function datasetChoice(version: PickerModelVersion, dataset: PickerDatasetVersion | null): DatasetChoice {
  if (!dataset) return { enabled: false, reason: "no version yet" };
  if (version.runnerKind === "predictions") {
    return version.predictionsFor.includes(dataset.id) ? { enabled: true, detail: "predictions uploaded" } : { enabled: false, reason: NO_PREDICTIONS_REASON };
  }
  const common = countCommonClasses(version.classNames, dataset.classNames);
  if (common === 0) return { enabled: false, reason: NO_COMMON_CLASS_REASON };
  const tooLarge = imageSizeProblem(version.largestImage, dataset.largestImage);
  if (tooLarge) return { enabled: false, reason: tooLarge };
  return { enabled: true, detail: `${common} of ${dataset.classNames.length} classes` };
}

/**
 * The dataset version "Test on one image" runs a version on: the latest,
 * unless the version is a predictions version without predictions for it but
 * with predictions for an older one (then the newest of those). Null when
 * the dataset has no version.
 */
export function versionToTest(
  version: PickerModelVersion | undefined,
  datasetId: string,
  latest: { id: string; number: number } | null,
): { id: string; number: number } | null {
  if (!version || (latest && version.predictionsFor.includes(latest.id))) return latest;
  const newest = newestPredicted(version, datasetId);
  return newest ? { id: newest.id, number: newest.number } : latest;
}

/** The newest version of a dataset that a predictions version has predictions for; null when none, or for other runners. */
function newestPredicted(version: PickerModelVersion, datasetId: string) {
  if (version.runnerKind !== "predictions") return null;
  const predicted = (version.predictedVersions ?? []).filter((v) => v.datasetId === datasetId);
  return predicted.length ? predicted.reduce((a, b) => (b.number > a.number ? b : a)) : null;
}

/**
 * The newest version number of a dataset that a predictions version has
 * predictions for (null when none, or for other runners): the dialog that
 * also picks a version offers such a dataset and defaults to that version.
 */
export function latestPredictedNumber(version: PickerModelVersion, datasetId: string): number | null {
  return newestPredicted(version, datasetId)?.number ?? null;
}
