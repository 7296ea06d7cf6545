import { NextResponse } from "next/server";
import { AppError } from "@/lib/core/errors";
import { sampleTestDto, sampleTestQuerySchema } from "@/lib/contracts/sample-test";
import { findOwnedModelVersion } from "@/lib/server/db/owned";
import { testOnOneImage } from "@/lib/server/models/test-one-image";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** "Test on one image": runs the owned model version on one owned sample (`?datasetVersionId&sampleId`); 404 for other owners' ids. */
export const GET = authedRoute<{ modelVersionId: string }>(async (req, { params, user }) => {
  await findOwnedModelVersion({ ownerId: user.id, modelVersionId: params.modelVersionId }); // another owner's id is 404 whatever the query
  const query = sampleTestQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) throw new AppError("invalid_input", "Give datasetVersionId and sampleId.");
  const result = await testOnOneImage({ ownerId: user.id, modelVersionId: params.modelVersionId, ...query.data });
  return NextResponse.json(sampleTestDto.parse(result));
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, POST, PUT, OPTIONS } = otherMethods({ GET });
