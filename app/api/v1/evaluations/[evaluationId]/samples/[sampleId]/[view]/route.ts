import { AppError } from "@/lib/core/errors";
import { renderSampleView, sampleViewSchema } from "@/lib/server/evaluation/sample-views";
import { immutableResponse } from "@/lib/server/transport/immutable-response";
import { authedRoute } from "@/lib/server/transport/route";

/** PNG of one evaluated image: ground truth or prediction in class colours, or the error map. Owner only. */
export const GET = authedRoute<{ evaluationId: string; sampleId: string; view: string }>(async (req, { params, user }) => {
  const view = sampleViewSchema.safeParse(params.view);
  if (!view.success) throw new AppError("not_found");
  const { png, etag } = await renderSampleView({ ownerId: user.id, evaluationId: params.evaluationId, sampleId: params.sampleId, view: view.data });
  return immutableResponse({ etag, request: req, contentType: "image/png", contentLength: png.byteLength, body: () => new Uint8Array(png) });
});
