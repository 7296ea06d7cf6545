import { NextResponse } from "next/server";
import { confusionImagesDto, confusionImagesQuerySchema } from "@/lib/contracts/results";
import { confusionImages } from "@/lib/server/results/confusion";
import { loadImageIndex } from "@/lib/server/results/image-index";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { parseQuery } from "@/lib/server/transport/query";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/**
 * The images where ground-truth class `gt` is most often predicted as `pred`
 * (numClasses = outside the class list), `take` of them from `skip`, with
 * `total` for "show more". Owner only.
 */
export const GET = authedRoute<{ evaluationId: string }>(async (req, { params, user }) => {
  const query = parseQuery(req, confusionImagesQuerySchema);
  const index = await loadImageIndex({ ownerId: user.id, evaluationId: params.evaluationId });
  return NextResponse.json(confusionImagesDto.parse(confusionImages(index, query)), { headers: { "Cache-Control": "private, no-cache" } });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
