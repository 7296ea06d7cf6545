"use server";

import { z } from "zod";
import { authedAction } from "@/lib/server/transport/action";
import { createEvaluation, createEvaluationSchema } from "@/lib/server/evaluation/create";
import { cancelEvaluation, startEvaluation } from "@/lib/server/evaluation/start";

/** Creates a draft evaluation and returns its id; the client then goes to its results page. */
export const createEvaluationAction = authedAction(createEvaluationSchema, (input, user) =>
  createEvaluation({ ownerId: user.id, input }),
);

const evaluationIdSchema = z.object({ evaluationId: z.string().min(1) });

/** Queues the evaluation for the background worker (the results page's "Evaluate" button). */
export const startEvaluationAction = authedAction(evaluationIdSchema, (input, user) =>
  startEvaluation({ ownerId: user.id, evaluationId: input.evaluationId }),
);

/** Cancels a queued or running evaluation. */
export const cancelEvaluationAction = authedAction(evaluationIdSchema, (input, user) =>
  cancelEvaluation({ ownerId: user.id, evaluationId: input.evaluationId }),
);
