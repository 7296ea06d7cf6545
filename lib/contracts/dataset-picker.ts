import { z } from "zod";

/** An image size in pixels, e.g. the largest image of a dataset version or the largest a model takes. */
const imageSizeDto = z.object({ width: z.number().int().positive(), height: z.number().int().positive() });

/** The latest version of a dataset as a picker shows it: choosing the dataset means this version. */
export const pickerDatasetVersionDto = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  sampleCount: z.number().int().nonnegative(),
  /** Class names of the version (for the class overlap a model version has with it). */
  classNames: z.array(z.string()).default([]),
  /** Their colours, in the same order (copied with the names into a new model version's class list). */
  classColors: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])).default([]),
  /** The widest and the tallest of its images, when the picker knows them (a model with a fixed input and resize "none" cannot take larger ones). */
  largestImage: imageSizeDto.nullish(),
});

/** One dataset in a picker; `latest` is null for a dataset without any version yet. */
export const pickerDatasetDto = z.object({
  id: z.string(),
  name: z.string(),
  latest: pickerDatasetVersionDto.nullable(),
});

/** What the dataset dropdowns show: one app's datasets; the groups come this app first, then the user's other apps. */
export const datasetPickerGroupDto = z.object({
  app: z.object({ id: z.string(), name: z.string() }),
  isCurrentApp: z.boolean(),
  datasets: z.array(pickerDatasetDto),
});
export type DatasetPickerGroupDto = z.infer<typeof datasetPickerGroupDto>;

/**
 * Every version of each owned dataset, grouped by app (this app first) and
 * listed newest first: for choices that name one exact version (the new
 * model version form's "Trained on", "Copy classes from" and "Predictions for").
 */
export const datasetVersionPickerGroupDto = z.object({
  app: z.object({ id: z.string(), name: z.string() }),
  isCurrentApp: z.boolean(),
  datasets: z.array(z.object({ id: z.string(), name: z.string(), versions: z.array(pickerDatasetVersionDto) })),
});
export type DatasetVersionPickerGroupDto = z.infer<typeof datasetVersionPickerGroupDto>;

/**
 * What a dataset picker knows of the model version it picks for: its runner,
 * its class names, and (predictions versions) the dataset versions every
 * sample of which has an uploaded prediction.
 */
export const pickerModelVersionDto = z.object({
  runnerKind: z.string(),
  classNames: z.array(z.string()),
  predictionsFor: z.array(z.string()),
  /** The same dataset versions with their dataset and number (the dialog offers a dataset when any of its versions has predictions). */
  predictedVersions: z.array(z.object({ id: z.string(), datasetId: z.string(), number: z.number().int().positive() })).default([]),
  /** The largest image it can take (a fixed input size with resize "none"); null: any size. */
  largestImage: imageSizeDto.nullish(),
});
export type PickerModelVersionDto = z.infer<typeof pickerModelVersionDto>;
