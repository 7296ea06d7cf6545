import { NextResponse } from "next/server";
import { findOwnedDataset } from "@/lib/server/db/owned";
import { receiveUpload } from "@/lib/server/datasets/uploads";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** Stages an archive (multipart field `archive`) for the upload wizard of an owned dataset: 201 `{uploadId, fileName, bytes}`. */
export const POST = authedRoute<{ datasetId: string }>(async (req, { params, user }) => {
  await findOwnedDataset({ ownerId: user.id, datasetId: params.datasetId });
  const upload = await receiveUpload(req, { ownerId: user.id });
  return NextResponse.json({ uploadId: upload.uploadId, fileName: upload.fileName, bytes: upload.bytes }, { status: 201 });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, GET, HEAD, PATCH, PUT, OPTIONS } = otherMethods({ POST });
