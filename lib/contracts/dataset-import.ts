import { z } from "zod";

/** Layouts a dataset archive or folder may be in ("auto" = detected). */
export const layoutSchema = z.enum(["auto", "pairs", "voc", "cityscapes", "camvid", "ade20k"]);
export type LayoutChoice = z.infer<typeof layoutSchema>;

/** Mask value (as written in the files) -> class index or "void". */
export const valueMappingSchema = z.record(
  z.string().regex(/^\d+$/, "mask values are whole numbers"),
  z.union([z.number().int().min(0).max(65535), z.literal("void")], { error: 'a mask value maps to a class index (0–65535) or "void"' }),
);
export type ValueMappingInput = z.infer<typeof valueMappingSchema>;

/** One problem of an import, naming its file when it is about one. */
export const importProblemDto = z.object({ file: z.string().optional(), problem: z.string() });

/** POST …/uploads — an archive staged for the upload wizard. */
export const uploadDto = z.object({ uploadId: z.string(), fileName: z.string(), bytes: z.number().int() });
export type UploadDto = z.infer<typeof uploadDto>;

/** The options of one inspection or import of an upload. */
export const importOptionsSchema = z.object({
  layout: layoutSchema.default("auto"),
  split: z.string().trim().min(1).max(100).optional(),
  reduceZeroLabel: z.boolean().optional(),
  mapping: valueMappingSchema.optional(),
  /** The report as an update of the latest version sees the upload: its classes when the upload names none. */
  update: z.boolean().optional(),
});
export type ImportOptionsInput = z.input<typeof importOptionsSchema>;

/** GET …/uploads/:uploadId/report — the mapping step and the validation report. */
export const importReportDto = z.object({
  layout: z.string(),
  splits: z.array(z.string()),
  classSource: z.string(),
  classes: z.array(z.object({ index: z.number().int(), name: z.string(), color: z.tuple([z.number(), z.number(), z.number()]) })),
  ignoreIndex: z.number().int().nullable(),
  sampleCount: z.number().int(),
  validCount: z.number().int(),
  values: z.object({
    rows: z.array(
      z.object({
        value: z.number().int(),
        pixels: z.number(),
        images: z.number().int(),
        target: z.union([z.number().int(), z.literal("void")]).nullable(),
        targetName: z.string().nullable(),
      }),
    ),
    undeclared: z.array(z.number().int()),
    scannedMasks: z.number().int(),
    totalMasks: z.number().int(),
    sampled: z.boolean(),
  }),
  problems: z.array(importProblemDto),
  /** A few masks in the class colours under the current mapping (PNG data URLs). */
  previews: z.array(z.object({ name: z.string(), mask: z.string() })),
});
export type ImportReportDto = z.infer<typeof importReportDto>;

/** POST /api/v1/datasets/:id/versions — 201. */
export const createdVersionDto = z.object({ id: z.string(), number: z.number().int(), samples: z.number().int() });

/** GET /api/v1/datasets/:id/versions/:number/samples — one page of the gallery. */
export const galleryPageDto = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  samples: z.array(z.object({ id: z.string(), name: z.string(), width: z.number().int(), height: z.number().int(), tags: z.array(z.string()) })),
});
export type GalleryPageDto = z.infer<typeof galleryPageDto>;

/** The gallery's query string. */
export const galleryQuerySchema = z.object({
  page: z.coerce.number().int().min(0).max(100_000).default(0),
  pageSize: z.coerce.number().int().min(1).max(200).default(48),
  tag: z.string().trim().min(1).max(64).optional(),
  class: z.coerce.number().int().min(0).max(65535).optional(),
  /** Samples whose name contains this text (case-insensitive). */
  name: z.string().trim().min(1).max(200).optional(),
});
