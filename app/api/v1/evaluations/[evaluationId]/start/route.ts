import { startEvaluation } from "@/lib/server/evaluation/start";
import { jsonNoStore } from "@/lib/server/transport/json-body";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** Queues the evaluation for the worker: 202 `{id, status}`. Harmless when it is already queued, running or finished. */
export const POST = authedRoute<{ evaluationId: string }>(async (_req, { params, user }) => {
  const { status } = await startEvaluation({ ownerId: user.id, evaluationId: params.evaluationId });
  return jsonNoStore({ id: params.evaluationId, status }, 202);
});
