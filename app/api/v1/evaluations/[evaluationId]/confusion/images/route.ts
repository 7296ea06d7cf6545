import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { confusionImagesDto } from "@/lib/contracts/results";
import { confusionImages } from "@/lib/server/results/confusion";
import { loadImageIndex } from "@/lib/server/results/image-index";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  gt: z.coerce.number().int().min(0).default(0),
  pred: z.coerce.number().int().min(0).default(0),
  take: z.coerce.number().int().min(1).max(50).default(12),
});

/** The images where ground-truth class `gt` is most often predicted as `pred` (numClasses = outside the class list). Owner only. */
export const GET = authedRoute<{ evaluationId: string }>(async (req, { params, user }) => {
  const query = querySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) throw new AppError("invalid_input", z.prettifyError(query.error));
  const index = await loadImageIndex({ ownerId: user.id, evaluationId: params.evaluationId });
  return NextResponse.json(confusionImagesDto.parse(confusionImages(index, query.data)), { headers: { "Cache-Control": "private, no-cache" } });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
