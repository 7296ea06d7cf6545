import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import { getOwnedSampleBlob } from "@/lib/server/db/samples";
import { blobResponse } from "@/lib/server/storage/blob-response";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

const kindSchema = z.enum(["image", "mask"]);

/** Streams a sample's image or ground-truth mask to its owner only (404 for anyone else). */
export const GET = authedRoute<{ sampleId: string; kind: string }>(async (req, { params, user }) => {
  const kind = kindSchema.safeParse(params.kind);
  if (!kind.success) throw new AppError("not_found");
  const blob = await getOwnedSampleBlob({ ownerId: user.id, sampleId: params.sampleId, kind: kind.data });
  return blobResponse(blob.sha256, { contentType: blob.contentType, fileName: blob.fileName, request: req });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
