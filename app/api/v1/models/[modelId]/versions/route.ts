import { NextResponse } from "next/server";
import { AppError } from "@/lib/core/errors";
import { createdModelVersionDto, modelVersionListDto } from "@/lib/contracts/model-versions";
import { createVersionFromUpload } from "@/lib/server/models/create-from-upload";
import { findOwnedModel } from "@/lib/server/db/owned";
import { receiveModelUpload } from "@/lib/server/models/receive-model-upload";
import { listVersionRows } from "@/lib/server/models/version-rows";
import { problemsFromMessage } from "@/lib/server/transport/problems";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** The versions of one owned model, newest first (runner shown without header values). */
export const GET = authedRoute<{ modelId: string }>(async (_req, { params, user }) => {
  const { versions } = await listVersionRows({ ownerId: user.id, modelId: params.modelId });
  return NextResponse.json(modelVersionListDto.parse({ versions }));
});

/** Creates the next version from a multipart upload: 201 {id, number}; invalid -> 422 with problems [{file?, problem}]. */
export const POST = authedRoute<{ modelId: string }>(async (req, { params, user }) => {
  await findOwnedModel({ ownerId: user.id, modelId: params.modelId }); // another owner's id is 404 before any byte is read
  const upload = await receiveModelUpload(req);
  try {
    const created = await createVersionFromUpload({ ownerId: user.id, modelId: params.modelId, upload });
    return NextResponse.json(createdModelVersionDto.parse(created), { status: 201 });
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "invalid_input") throw error;
    const problems = problemsFromMessage(error.message);
    // `problems` at the top level as on every other route (README); also inside `error`, where this route first put it.
    return NextResponse.json({ error: { code: error.code, message: error.message, problems, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) }, problems }, { status: 422 });
  } finally {
    await upload.cleanup();
  }
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, PUT, OPTIONS } = otherMethods({ GET, POST });
