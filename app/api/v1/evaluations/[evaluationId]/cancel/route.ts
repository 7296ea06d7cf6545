import { cancelEvaluation } from "@/lib/server/evaluation/cancel";
import { jsonNoStore } from "@/lib/server/transport/json-body";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** Cancels a queued or running evaluation: 202 `{id, status}` (the worker stops at its next write). */
export const POST = authedRoute<{ evaluationId: string }>(async (_req, { params, user }) => {
  const { status } = await cancelEvaluation({ ownerId: user.id, evaluationId: params.evaluationId });
  return jsonNoStore({ id: params.evaluationId, status }, 202);
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, GET, HEAD, PATCH, PUT, OPTIONS } = otherMethods({ POST });
