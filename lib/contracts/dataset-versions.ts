import { z } from "zod";

/** GET /api/v1/datasets/:id/versions — the versions of one dataset, newest first, for the version picker. */
export const datasetVersionListDto = z.object({
  versions: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      sampleCount: z.number().int(),
      createdAt: z.string(),
      note: z.string().optional(),
    }),
  ),
});
export type DatasetVersionListDto = z.infer<typeof datasetVersionListDto>;
