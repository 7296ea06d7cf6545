import { resultsJsonResponse } from "@/lib/server/results/export-response";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** A finished evaluation's results in the CLI's JSON schema (`?perImage=1` adds every image); 409 while it runs. */
export const GET = authedRoute<{ evaluationId: string }>((req, { params, user }) => resultsJsonResponse(req, { ownerId: user.id, evaluationId: params.evaluationId }));

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
