"use server";
import "server-only";

import { z } from "zod";
import { createModelSchema } from "@/lib/contracts/app-input";
import { createNamedModel } from "@/lib/server/models/app-models";
import { authedAction } from "@/lib/server/transport/action";

const schema = createModelSchema.extend({ appId: z.string().min(1) });

/** Creates a model in one of the user's apps (not found for another owner's app; 409 for a taken name). */
export const createModelAction = authedAction(schema, (input, user) => createNamedModel({ ownerId: user.id, ...input }));
