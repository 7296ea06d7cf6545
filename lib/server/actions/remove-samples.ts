"use server";
import "server-only";

import { z } from "zod";
import { removeSamplesAsNewVersion } from "@/lib/server/datasets/import-dataset-version";
import { authedAction } from "@/lib/server/transport/action";

const schema = z.object({
  datasetId: z.string().min(1),
  names: z.array(z.string().min(1)).min(1).max(20_000),
  note: z.string().trim().max(1000).optional(),
});

/** A new version of an owned dataset: the latest without the named samples (the rest shared, not copied). */
export const removeSamplesAction = authedAction(schema, async (input, user) => {
  const v = await removeSamplesAsNewVersion({ ownerId: user.id, datasetId: input.datasetId, remove: input.names, note: input.note });
  return { id: v.id, number: v.number };
});
