import { NextResponse } from "next/server";
import { imagesPageDto, imagesQuerySchema } from "@/lib/contracts/results";
import { loadImageIndex } from "@/lib/server/results/image-index";
import { listImages } from "@/lib/server/results/list-images";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { parseQuery } from "@/lib/server/transport/query";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** One page of a finished evaluation's images, worst first (`sort=miou` or `class:<k>`), filtered by `tag` and `classPresent` (an empty parameter counts as not given). Owner only. */
export const GET = authedRoute<{ evaluationId: string }>(async (req, { params, user }) => {
  const query = parseQuery(req, imagesQuerySchema);
  const index = await loadImageIndex({ ownerId: user.id, evaluationId: params.evaluationId });
  return NextResponse.json(imagesPageDto.parse(listImages(index, query)), { headers: { "Cache-Control": "private, no-cache" } });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
