"use server";
import "server-only";

import { z } from "zod";
import { revokeApiToken } from "@/lib/server/auth/api-tokens";
import { authedAction } from "@/lib/server/transport/action";

const schema = z.object({ tokenId: z.string().min(1) });

/** Revokes one of the signed-in user's API tokens (another user's id is not_found); API calls with it get 401 from then on. */
export const revokeApiTokenAction = authedAction(schema, (input, user) => revokeApiToken({ ownerId: user.id, tokenId: input.tokenId }));
