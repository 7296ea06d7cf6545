import { resultsCsvResponse } from "@/lib/server/results/export-response";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** A finished evaluation's per-class (`?level=class`, the default) or per-image (`?level=image`) CSV; 409 while it runs. */
export const GET = authedRoute<{ evaluationId: string }>((req, { params, user }) => resultsCsvResponse(req, { ownerId: user.id, evaluationId: params.evaluationId }));

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
