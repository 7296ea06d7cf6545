import { NextResponse } from "next/server";
import { confusionMatrixDto } from "@/lib/contracts/results";
import { confusionMatrixOf } from "@/lib/server/results/confusion";
import { loadImageIndex } from "@/lib/server/results/image-index";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** The dataset-level confusion matrix of a finished evaluation (rows = ground truth, last column = outside the class list). Owner only. */
export const GET = authedRoute<{ evaluationId: string }>(async (_req, { params, user }) => {
  const index = await loadImageIndex({ ownerId: user.id, evaluationId: params.evaluationId });
  return NextResponse.json(confusionMatrixDto.parse(confusionMatrixOf(index)), { headers: { "Cache-Control": "private, no-cache" } });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
