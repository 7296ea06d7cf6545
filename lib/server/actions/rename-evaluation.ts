"use server";
import "server-only";

import { renameEvaluation, renameEvaluationSchema } from "@/lib/server/results/manage-evaluation";
import { authedAction } from "@/lib/server/transport/action";

/** Renames an evaluation (an empty name clears it). */
export const renameEvaluationAction = authedAction(renameEvaluationSchema, (input, user) =>
  renameEvaluation({ ownerId: user.id, evaluationId: input.evaluationId, name: input.name }),
);
