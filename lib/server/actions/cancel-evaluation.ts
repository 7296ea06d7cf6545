"use server";
import "server-only";

import { cancelEvaluation } from "@/lib/server/evaluation/cancel";
import { authedAction } from "@/lib/server/transport/action";
import { evaluationIdSchema } from "./evaluation-id";

/** Cancels a queued or running evaluation. */
export const cancelEvaluationAction = authedAction(evaluationIdSchema, (input, user) =>
  cancelEvaluation({ ownerId: user.id, evaluationId: input.evaluationId }),
);
