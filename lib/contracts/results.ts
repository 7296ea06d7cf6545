import { z } from "zod";

const ratio = z.number().nullable();

/** Query of GET /api/v1/evaluations/:id/threshold: `t` is any IoU threshold an evaluation may have (0..1); without it, the evaluation's own. */
export const thresholdQuerySchema = z.object({ t: z.coerce.number().min(0).max(1).optional() });

/** GET /api/v1/evaluations/:id/threshold?t= — "correct at IoU >= t" recomputed from the stored per-image results, plus the curve. */
export const thresholdResultDto = z.object({
  t: z.number(),
  correct: z.number().int(),
  total: z.number().int(),
  share: ratio,
  perClass: z.array(z.object({ correct: z.number().int(), total: z.number().int() })),
  curve: z.array(z.object({ t: z.number(), correct: z.number().int(), total: z.number().int() })),
});
export type ThresholdResultDto = z.infer<typeof thresholdResultDto>;

/** How the per-image browser orders images: worst mIoU first, or worst IoU of one class first (`class:<index>`). */
export const imageSortSchema = z.union([z.literal("miou"), z.templateLiteral(["class:", z.number().int().min(0)])]);

/** Query of GET /api/v1/evaluations/:id/images (all optional). */
export const imagesQuerySchema = z.object({
  sort: imageSortSchema.default("miou"),
  tag: z.string().max(200).optional(),
  /** Only images whose ground truth contains this class. */
  classPresent: z.coerce.number().int().min(0).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(12),
});
export type ImagesQuery = z.infer<typeof imagesQuerySchema>;

/** One image of the per-image browser. */
export const imageRowDto = z.object({
  sampleId: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  miou: ratio,
  pixelAccuracy: ratio,
  /** IoU of the class sorted by (null when sorting by mIoU, or when the class is absent from both masks). */
  classIou: ratio,
  /** Class indices present in the ground truth. */
  classesPresent: z.array(z.number().int()),
});
export type ImageRowDto = z.infer<typeof imageRowDto>;

/** GET /api/v1/evaluations/:id/images — one page of the per-image browser, sorted and filtered on the server. */
export const imagesPageDto = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pages: z.number().int(),
  items: z.array(imageRowDto),
  /** Every tag of the evaluated images, for the filter. */
  tags: z.array(z.string()),
});
export type ImagesPageDto = z.infer<typeof imagesPageDto>;

/** GET /api/v1/evaluations/:id/confusion — the dataset-level matrix (rows = ground truth; last column = outside the class list). */
export const confusionMatrixDto = z.object({
  classes: z.array(z.object({ index: z.number().int(), name: z.string(), color: z.tuple([z.number(), z.number(), z.number()]) })),
  matrix: z.array(z.array(z.number())),
});
export type ConfusionMatrixDto = z.infer<typeof confusionMatrixDto>;

/** Query of GET /api/v1/evaluations/:id/confusion/images: the cell, and which slice of its images (`skip` first, then up to `take`). */
export const confusionImagesQuerySchema = z.object({
  gt: z.coerce.number().int().min(0).default(0),
  pred: z.coerce.number().int().min(0).default(0),
  skip: z.coerce.number().int().min(0).default(0),
  take: z.coerce.number().int().min(1).max(50).default(12),
});

/** GET /api/v1/evaluations/:id/confusion/images?gt=&pred=&skip=&take= — the images where ground-truth class `gt` is most predicted as `pred`, one slice at a time. */
export const confusionImagesDto = z.object({
  gt: z.number().int(),
  pred: z.number().int(),
  /** How many images have this confusion (all slices together). */
  total: z.number().int(),
  items: z.array(z.object({ sampleId: z.string(), name: z.string(), tags: z.array(z.string()), miou: ratio, pixels: z.number(), rowShare: ratio })),
});
export type ConfusionImagesDto = z.infer<typeof confusionImagesDto>;
