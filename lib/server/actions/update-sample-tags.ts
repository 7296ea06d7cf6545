"use server";
import "server-only";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { tagSchema } from "@/lib/contracts/tags";
import { updateSampleTags } from "@/lib/server/db/sample-tags";
import { authedAction } from "@/lib/server/transport/action";

// Removing stays loose, so a tag stored before the rules (e.g. with ";") can still be taken off.
const anyTag = z.string().trim().min(1).max(64);
const schema = z.object({
  datasetId: z.string().min(1),
  sampleIds: z.array(z.string().min(1)).min(1).max(1000),
  add: z.array(tagSchema).max(20).default([]),
  remove: z.array(anyTag).max(20).default([]),
});

/** Adds and removes tags on one or many samples of an owned dataset. */
export const updateSampleTagsAction = authedAction(schema, async (input, user) => {
  const result = await updateSampleTags({ ownerId: user.id, ...input });
  revalidatePath(`/datasets/${input.datasetId}`, "layout");
  return result;
});
