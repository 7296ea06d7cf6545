"use server";
import "server-only";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { saveClassMapping } from "@/lib/server/evaluation/class-mapping-checks";
import { authedAction } from "@/lib/server/transport/action";

const schema = z.object({ evaluationId: z.string().min(1), classMapping: z.record(z.string(), z.number().int().min(-1)) });

/** Saves the model class -> dataset class mapping of an evaluation that has not started. */
export const saveClassMappingAction = authedAction(schema, async (input, user) => {
  const r = await saveClassMapping({ ownerId: user.id, ...input });
  revalidatePath(`/evaluations/${input.evaluationId}`);
  return r;
});
