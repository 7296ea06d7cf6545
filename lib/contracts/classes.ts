import { z } from "zod";

/** An sRGB colour, each channel a whole number 0..255. */
export const rgbSchema = z.tuple([z.number().int().min(0).max(255), z.number().int().min(0).max(255), z.number().int().min(0).max(255)]);
export type Rgb = z.infer<typeof rgbSchema>;

/** One class of a dataset or model version: its label value, name and display colour. */
export const classEntrySchema = z.object({
  index: z.number().int().min(0),
  name: z.string().min(1),
  color: rgbSchema,
});
export type ClassEntry = z.infer<typeof classEntrySchema>;

/** The `classes` JSON column of DatasetVersion and ModelVersion: entries in index order 0..n-1. */
export const classListSchema = z.array(classEntrySchema);
export type ClassListJson = z.infer<typeof classListSchema>;
