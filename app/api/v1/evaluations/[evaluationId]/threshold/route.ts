import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { thresholdResultDto } from "@/lib/contracts/results";
import { loadImageIndex } from "@/lib/server/results/image-index";
import { thresholdResult } from "@/lib/server/results/threshold";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

const querySchema = z.object({ t: z.coerce.number().min(0).max(1).optional() });

/** "Correct at IoU >= t" (default: the evaluation's own threshold) recomputed from the stored per-image results, with the curve. Owner only. */
export const GET = authedRoute<{ evaluationId: string }>(async (req, { params, user }) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) throw new AppError("invalid_input", z.prettifyError(query.error));
  const index = await loadImageIndex({ ownerId: user.id, evaluationId: params.evaluationId });
  const t = query.data.t ?? index.summary?.threshold ?? 0.5;
  return NextResponse.json(thresholdResultDto.parse(thresholdResult(index, t)), { headers: { "Cache-Control": "private, no-cache" } });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
