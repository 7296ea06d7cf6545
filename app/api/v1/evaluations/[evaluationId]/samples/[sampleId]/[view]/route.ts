import { AppError } from "@/lib/core/errors";
import { renderSampleView, sampleViewSchema } from "@/lib/server/evaluation/sample-views";
import { authedRoute } from "@/lib/server/transport/route";

/** PNG of one evaluated image: ground truth or prediction in class colours, or the error map. Owner only. */
export const GET = authedRoute<{ evaluationId: string; sampleId: string; view: string }>(async (req, { params, user }) => {
  const view = sampleViewSchema.safeParse(params.view);
  if (!view.success) throw new AppError("not_found");
  const { png, etag } = await renderSampleView({ ownerId: user.id, evaluationId: params.evaluationId, sampleId: params.sampleId, view: view.data });
  const headers = { ETag: etag, "Cache-Control": "private, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff" };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(png), { headers: { ...headers, "Content-Type": "image/png", "Content-Length": String(png.byteLength) } });
});
