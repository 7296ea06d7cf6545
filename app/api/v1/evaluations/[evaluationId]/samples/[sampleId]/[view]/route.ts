import { AppError } from "@/lib/core/errors";
import { getSampleViewBlob, sampleViewSchema } from "@/lib/server/evaluation/sample-views";
import { blobResponse } from "@/lib/server/storage/blob-response";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

/**
 * PNG of one evaluated image at display size: ground truth or prediction in
 * class colours, or the error map. Owner only. Rendered once, then served
 * from the view cache (a blob; its sha256 is the ETag).
 */
export const GET = authedRoute<{ evaluationId: string; sampleId: string; view: string }>(async (req, { params, user }) => {
  const view = sampleViewSchema.safeParse(params.view);
  if (!view.success) throw new AppError("not_found");
  const sha256 = await getSampleViewBlob({ ownerId: user.id, evaluationId: params.evaluationId, sampleId: params.sampleId, view: view.data });
  return blobResponse(sha256, { contentType: "image/png", request: req });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
