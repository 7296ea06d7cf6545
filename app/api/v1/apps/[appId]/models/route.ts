import { NextResponse } from "next/server";
import { createModelSchema } from "@/lib/contracts/app-input";
import { modelListDto } from "@/lib/contracts/model-versions";
import { createNamedModel, listOwnedAppModels } from "@/lib/server/models/app-models";
import { findOwnedApp } from "@/lib/server/db/owned";
import { parseJsonBody } from "@/lib/server/transport/json-body";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** The models of one owned app. */
export const GET = authedRoute<{ appId: string }>(async (_req, { params, user }) => {
  const models = await listOwnedAppModels({ ownerId: user.id, appId: params.appId });
  return NextResponse.json(modelListDto.parse({ models }));
});

/** Creates a model: 201 {id}; a taken name is 409. */
export const POST = authedRoute<{ appId: string }>(async (req, { params, user }) => {
  await findOwnedApp({ ownerId: user.id, appId: params.appId }); // another owner's id is 404 whatever the body
  const body = await parseJsonBody(req, createModelSchema);
  const { id } = await createNamedModel({ ownerId: user.id, appId: params.appId, ...body });
  return NextResponse.json({ id }, { status: 201 });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, PUT, OPTIONS } = otherMethods({ GET, POST });
