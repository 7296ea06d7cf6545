"use server";
import "server-only";

import { deleteEvaluation } from "@/lib/server/results/manage-evaluation";
import { authedAction } from "@/lib/server/transport/action";
import { evaluationIdSchema } from "./evaluation-id";

/** Deletes an evaluation and its results (not while queued or running); returns its model's id. */
export const deleteEvaluationAction = authedAction(evaluationIdSchema, (input, user) => deleteEvaluation({ ownerId: user.id, evaluationId: input.evaluationId }));
