"use server";
import "server-only";

import { AppError } from "@/lib/core/errors";
import { createAppSchema } from "@/lib/contracts/app-input";
import { createApp } from "@/lib/server/apps/create-app";
import { authedAction } from "@/lib/server/transport/action";

/** Creates an app of the signed-in user; a name they already use is refused (409). */
export const createAppAction = authedAction(createAppSchema, async (input, user) => {
  const app = await createApp({ ownerId: user.id, name: input.name, description: input.description });
  if (!app.created) throw new AppError("conflict", `You already have an app named "${input.name}".`, { fieldErrors: { name: ["Taken."] } });
  return { id: app.id };
});
