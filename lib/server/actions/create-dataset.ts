"use server";
import "server-only";

import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { createDatasetSchema } from "@/lib/contracts/app-input";
import { createDataset } from "@/lib/server/datasets/create-dataset";
import { authedAction } from "@/lib/server/transport/action";

const schema = createDatasetSchema.extend({ appId: z.string().min(1) });

/** Creates an empty dataset in an owned app; a taken name is a conflict. */
export const createDatasetAction = authedAction(schema, async (input, user) => {
  const dataset = await createDataset({ ownerId: user.id, appId: input.appId, name: input.name, description: input.description });
  if (!dataset.created) throw new AppError("conflict", `A dataset named "${dataset.name}" exists in this app already.`, { fieldErrors: { name: ["This name is taken."] } });
  return { id: dataset.id };
});
