import { NextResponse } from "next/server";
import { thresholdQuerySchema, thresholdResultDto } from "@/lib/contracts/results";
import { loadImageIndex } from "@/lib/server/results/image-index";
import { thresholdResult } from "@/lib/server/results/threshold";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { parseQuery } from "@/lib/server/transport/query";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** "Correct at IoU >= t" (default, also for an empty `t=`: the evaluation's own threshold) recomputed from the stored per-image results, with the curve. Owner only. */
export const GET = authedRoute<{ evaluationId: string }>(async (req, { params, user }) => {
  const query = parseQuery(req, thresholdQuerySchema);
  const index = await loadImageIndex({ ownerId: user.id, evaluationId: params.evaluationId });
  const t = query.t ?? index.summary?.threshold ?? 0.5;
  return NextResponse.json(thresholdResultDto.parse(thresholdResult(index, t)), { headers: { "Cache-Control": "private, no-cache" } });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
