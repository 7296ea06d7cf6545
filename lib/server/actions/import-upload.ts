"use server";
import "server-only";

import { z } from "zod";
import { importOptionsSchema } from "@/lib/contracts/dataset-import";
import { importStagedUpload } from "@/lib/server/datasets/import-upload";
import { authedAction } from "@/lib/server/transport/action";

const schema = z.object({
  datasetId: z.string().min(1),
  uploadId: z.string().min(1),
  options: importOptionsSchema.default({ layout: "auto" }),
  validSubset: z.boolean().default(false),
  note: z.string().trim().max(1000).optional(),
  mode: z.enum(["new", "update"]).default("new"),
});

/**
 * The upload wizard's last step: imports the owner's staged upload into the
 * owner's dataset with the settled layout and mapping (refused with the
 * problems unless `validSubset`), then drops the upload.
 */
export const importUploadAction = authedAction(schema, async (input, user) => {
  const v = await importStagedUpload({ ownerId: user.id, ...input });
  return { id: v.id, number: v.number, samples: v.sampleCount, skipped: v.skipped };
});
