import "server-only";
import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { listAppModels } from "@/lib/server/db/models";
import { findOwnedApp } from "@/lib/server/db/owned";
import { createModel } from "./create-model";

/** The models of an owned app (not_found for other owners' apps), as DTO rows. */
export async function listOwnedAppModels({ ownerId, appId }: { ownerId: string; appId: string }, db: Db = getPrisma()) {
  const app = await findOwnedApp({ ownerId, appId }, db);
  const models = await listAppModels({ appId: app.id }, db);
  return models.map((m) => ({ id: m.id, name: m.name, description: m.description, versions: m._count.versions, createdAt: m.createdAt.toISOString() }));
}

/** Creates a model in an owned app; a name already taken in the app is a conflict (409), not a silent reuse. */
export async function createNamedModel(
  { ownerId, appId, name, description }: { ownerId: string; appId: string; name: string; description?: string },
  db: Db = getPrisma(),
): Promise<{ id: string; name: string }> {
  const created = await createModel({ ownerId, appId, name, description }, db);
  if (!created.created) throw new AppError("conflict", `The app already has a model named "${name}".`, { fieldErrors: { name: ["Taken in this app."] } });
  return { id: created.id, name: created.name };
}
