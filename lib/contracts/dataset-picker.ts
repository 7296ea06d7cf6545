import { z } from "zod";

/** The latest version of a dataset as a picker shows it: choosing the dataset means this version. */
export const pickerDatasetVersionDto = z.object({
  id: z.string(),
  number: z.number().int().positive(),
  sampleCount: z.number().int().nonnegative(),
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
