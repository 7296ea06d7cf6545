import { NextResponse } from "next/server";
import { AppError } from "@/lib/core/errors";
import { onnxInspectionDto } from "@/lib/contracts/onnx-inspection";
import { findOwnedModel } from "@/lib/server/db/owned";
import { inspectUploadedOnnx } from "@/lib/server/models/onnx/inspect-upload";
import { receiveModelUpload } from "@/lib/server/models/receive-model-upload";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/**
 * Reads an .onnx file's signature before a version of the owned model is
 * created (multipart: `file`, optional `config` and `classCount`): 200 with
 * the signature and the config's problem, if any; 422 when it is not ONNX.
 * Nothing is stored; the upload is removed.
 */
export const POST = authedRoute<{ modelId: string }>(async (req, { params, user }) => {
  await findOwnedModel({ ownerId: user.id, modelId: params.modelId }); // another owner's id is 404 before any byte is read
  const upload = await receiveModelUpload(req);
  try {
    if (!upload.file) throw new AppError("invalid_input", "Send the .onnx file in a part named \"file\".");
    let config: unknown;
    try {
      config = upload.fields.config ? JSON.parse(upload.fields.config) : undefined;
    } catch {
      throw new AppError("invalid_input", "config is not valid JSON.");
    }
    const classCount = Number(upload.fields.classCount) || undefined;
    return NextResponse.json(onnxInspectionDto.parse(await inspectUploadedOnnx(upload.file, { config, classCount })));
  } finally {
    await upload.cleanup();
  }
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, GET, HEAD, PATCH, PUT, OPTIONS } = otherMethods({ POST });
