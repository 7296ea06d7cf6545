import { createAppSchema } from "@/lib/contracts/app-input";
import { AppError } from "@/lib/core/errors";
import { createApp } from "@/lib/server/apps/create-app";
import { listApps } from "@/lib/server/db/apps";
import { jsonNoStore, parseJsonBody } from "@/lib/server/transport/json-body";
import { otherMethods } from "@/lib/server/transport/method-not-allowed";
import { authedRoute } from "@/lib/server/transport/route";

export const dynamic = "force-dynamic";

/** The caller's apps, by name, with model and dataset counts. */
export const GET = authedRoute<object>(async (_req, { user }) => {
  const apps = await listApps({ ownerId: user.id });
  return jsonNoStore({
    apps: apps.map((a) => ({ id: a.id, name: a.name, description: a.description, models: a._count.models, datasets: a._count.datasets })),
  });
});

/** Creates an app `{name, description?}`: 201 `{id, name}`; a name the caller already uses is 409. */
export const POST = authedRoute<object>(async (req, { user }) => {
  const input = await parseJsonBody(req, createAppSchema);
  const app = await createApp({ ownerId: user.id, name: input.name, description: input.description });
  if (!app.created) throw new AppError("conflict", `You already have an app named "${input.name}".`);
  return jsonNoStore({ id: app.id, name: app.name }, 201);
});

/** Any other method: the API's JSON 405 with an `Allow` header. */
export const { DELETE, PATCH, PUT, OPTIONS } = otherMethods({ GET, POST });
