"use server";
import "server-only";

import { startEvaluation } from "@/lib/server/evaluation/start";
import { authedAction } from "@/lib/server/transport/action";
import { evaluationIdSchema } from "./evaluation-id";

/** Queues the evaluation for the background worker (the results page's "Evaluate" button). */
export const startEvaluationAction = authedAction(evaluationIdSchema, (input, user) =>
  startEvaluation({ ownerId: user.id, evaluationId: input.evaluationId }),
);
