import { startEvaluation } from "@/lib/server/evaluation/start";
import { jsonNoStore } from "@/lib/server/transport/json-body";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** Queues the evaluation for the worker: 202 `{id, status}`. Harmless when it is already queued, running or finished. */
export const POST = authedRoute<{ evaluationId: string }>(async (_req, { params, user }) => {
  const { status } = await startEvaluation({ ownerId: user.id, evaluationId: params.evaluationId });
  return jsonNoStore({ id: params.evaluationId, status }, 202);
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, GET, HEAD, PATCH, PUT, OPTIONS } = otherMethods({ POST });
