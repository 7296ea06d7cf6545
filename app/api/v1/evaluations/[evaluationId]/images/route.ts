import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { imagesPageDto, imagesQuerySchema } from "@/lib/contracts/results";
import { loadImageIndex } from "@/lib/server/results/image-index";
import { listImages } from "@/lib/server/results/list-images";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** One page of a finished evaluation's images, worst first (`sort=miou` or `class:<k>`), filtered by `tag` and `classPresent`. Owner only. */
export const GET = authedRoute<{ evaluationId: string }>(async (req, { params, user }) => {
  const query = imagesQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) throw new AppError("invalid_input", z.prettifyError(query.error));
  const index = await loadImageIndex({ ownerId: user.id, evaluationId: params.evaluationId });
  return NextResponse.json(imagesPageDto.parse(listImages(index, query.data)), { headers: { "Cache-Control": "private, no-cache" } });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
