"use server";
import "server-only";

import { z } from "zod";
import { discardStagedUpload } from "@/lib/server/datasets/import-upload";
import { authedAction } from "@/lib/server/transport/action";

const schema = z.object({
  datasetId: z.string().min(1),
  uploadId: z.string().min(1),
});

/** The upload wizard's "Choose another archive": removes the owner's staged upload now rather than at the sweep. */
export const discardUploadAction = authedAction(schema, async (input, user) => {
  await discardStagedUpload({ ownerId: user.id, ...input });
  return { discarded: true };
});
