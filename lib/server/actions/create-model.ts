"use server";
import "server-only";

import { z } from "zod";
import { createNamedModel } from "@/lib/server/models/app-models";
import { authedAction } from "@/lib/server/transport/action";

const schema = z.object({
  appId: z.string().min(1),
  name: z.string().trim().min(1, "Give the model a name.").max(120),
  description: z.string().trim().max(1000).optional(),
});

/** Creates a model in one of the user's apps (not found for another owner's app; 409 for a taken name). */
export const createModelAction = authedAction(schema, (input, user) => createNamedModel({ ownerId: user.id, ...input }));
