"use server";

import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { createApp } from "@/lib/server/apps/create-app";
import { authedAction } from "@/lib/server/transport/action";

const schema = z.object({ name: z.string().trim().min(1, "Give the app a name.").max(120), description: z.string().trim().max(1000).optional() });

/** Creates an app of the signed-in user; a name they already use is refused (409). */
export const createAppAction = authedAction(schema, async (input, user) => {
  const app = await createApp({ ownerId: user.id, name: input.name, description: input.description });
  if (!app.created) throw new AppError("conflict", `You already have an app named "${input.name}".`, { fieldErrors: { name: ["Taken."] } });
  return { id: app.id };
});
