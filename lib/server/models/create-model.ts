import "server-only";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { findModelByName, insertModel } from "@/lib/server/db/models";
import { findOwnedApp } from "@/lib/server/db/owned";

/**
 * The owner's model `name` in app `appId`, created (without versions) when
 * new. `created` says which; not_found for another owner's app.
 */
export async function createModel(
  { ownerId, appId, name, description }: { ownerId: string; appId: string; name: string; description?: string },
  db: Db = getPrisma(),
): Promise<{ id: string; name: string; created: boolean }> {
  const app = await findOwnedApp({ ownerId, appId }, db);
  const existing = await findModelByName({ appId: app.id, name }, db);
  if (existing) return { ...existing, created: false };
  return { ...(await insertModel({ appId: app.id, name, description }, db)), created: true };
}
