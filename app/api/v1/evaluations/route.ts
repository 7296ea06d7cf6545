import { createEvaluationRequestSchema, createEvaluationWithSettings } from "@/lib/server/evaluation/create-with-settings";
import { jsonNoStore, parseJsonBody } from "@/lib/server/transport/json-body";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/**
 * Creates a draft evaluation `{modelVersionId, datasetId, datasetVersion?,
 * settings?}` (no version = latest): 201 `{id, url}`. Always a new one, also
 * for a pair evaluated before. Start it with POST /evaluations/{id}/start.
 */
export const POST = authedRoute<object>(async (req, { user }) => {
  const input = await parseJsonBody(req, createEvaluationRequestSchema);
  const { id } = await createEvaluationWithSettings({ ownerId: user.id, input });
  return jsonNoStore({ id, url: `/evaluations/${id}` }, 201);
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, GET, HEAD, PATCH, PUT, OPTIONS } = otherMethods({ POST });
