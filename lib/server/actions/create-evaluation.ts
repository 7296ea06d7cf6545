"use server";
import "server-only";

import { createEvaluation, createEvaluationSchema } from "@/lib/server/evaluation/create";
import { authedAction } from "@/lib/server/transport/action";

/** Creates a draft evaluation and returns its id; the client then goes to its results page. */
export const createEvaluationAction = authedAction(createEvaluationSchema, (input, user) => createEvaluation({ ownerId: user.id, input }));
