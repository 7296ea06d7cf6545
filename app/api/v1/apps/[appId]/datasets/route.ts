import { NextResponse } from "next/server";
import { createDatasetSchema } from "@/lib/contracts/app-input";
import { AppError } from "@/lib/core/errors";
import { createDataset } from "@/lib/server/datasets/create-dataset";
import { listAppDatasets } from "@/lib/server/db/datasets";
import { findOwnedApp } from "@/lib/server/db/owned";
import { parseJsonBody } from "@/lib/server/transport/json-body";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** The app's datasets with their latest version. */
export const GET = authedRoute<{ appId: string }>(async (_req, { params, user }) => {
  const datasets = await listAppDatasets({ ownerId: user.id, appId: params.appId });
  return NextResponse.json({
    datasets: datasets.map((d) => ({ id: d.id, name: d.name, description: d.description, createdAt: d.createdAt.toISOString(), latest: d.latest })),
  });
});

/** Creates a dataset `{name}` in the app: 201 `{id}`; 409 when the name is taken. */
export const POST = authedRoute<{ appId: string }>(async (req, { params, user }) => {
  await findOwnedApp({ ownerId: user.id, appId: params.appId });
  const body = await parseJsonBody(req, createDatasetSchema);
  const dataset = await createDataset({ ownerId: user.id, appId: params.appId, ...body });
  if (!dataset.created) throw new AppError("conflict", `A dataset named "${dataset.name}" exists in this app already.`);
  return NextResponse.json({ id: dataset.id }, { status: 201 });
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, PUT, OPTIONS } = otherMethods({ GET, POST });
