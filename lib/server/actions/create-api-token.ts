"use server";
import "server-only";

import { createApiToken, createApiTokenSchema } from "@/lib/server/auth/api-tokens";
import { authedAction } from "@/lib/server/transport/action";

/** Creates a personal API token of the signed-in user; the token itself is in the result once and never again (the page refreshes its list). */
export const createApiTokenAction = authedAction(createApiTokenSchema, async (input, user) => {
  const created = await createApiToken({ userId: user.id, name: input.name });
  return { id: created.id, name: created.name, token: created.token };
});
