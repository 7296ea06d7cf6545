import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { findThumbnail } from "@/lib/server/datasets/sample-thumbnail";
import { immutableResponse, matchesEtag } from "@/lib/server/transport/immutable-response";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";
import { parseVersionNumber } from "@/lib/contracts/version-number";

const kindSchema = z.enum(["image", "mask"]);

/** A gallery thumbnail of an owned version's sample: the image, or the mask in the class colours (404 for anyone else). */
export const GET = authedRoute<{ datasetId: string; number: string; sampleId: string; kind: string }>(async (req, { params, user }) => {
  const kind = kindSchema.safeParse(params.kind);
  const number = parseVersionNumber(params.number);
  if (!kind.success || number === null) throw new AppError("not_found");
  const thumb = await findThumbnail({ ownerId: user.id, datasetId: params.datasetId, number, sampleId: params.sampleId, kind: kind.data });
  if (matchesEtag(req.headers.get("if-none-match"), thumb.etag)) return immutableResponse({ etag: thumb.etag, request: req, contentType: "", contentLength: 0, body: () => "" });
  const { bytes, contentType } = await thumb.render();
  return immutableResponse({ etag: thumb.etag, request: req, contentType, contentLength: bytes.length, body: () => new Uint8Array(bytes) });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
