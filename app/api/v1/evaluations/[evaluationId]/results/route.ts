import { resultsJsonResponse } from "@/lib/server/results/export-response";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** A finished evaluation's results in the CLI's JSON schema (`?perImage=1` adds every image); 409 while it runs. */
export const GET = authedRoute<{ evaluationId: string }>((req, { params, user }) => resultsJsonResponse(req, { ownerId: user.id, evaluationId: params.evaluationId }));
