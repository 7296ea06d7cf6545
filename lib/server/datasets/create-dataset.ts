import "server-only";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { findDatasetByName, insertDataset } from "@/lib/server/db/datasets";
import { findOwnedApp } from "@/lib/server/db/owned";

/**
 * The owner's dataset `name` in app `appId`, created (empty, without
 * versions) when new. `created` says which; not_found for another owner's app.
 */
export async function createDataset(
  { ownerId, appId, name, description }: { ownerId: string; appId: string; name: string; description?: string },
  db: Db = getPrisma(),
): Promise<{ id: string; name: string; created: boolean }> {
  const app = await findOwnedApp({ ownerId, appId }, db);
  const existing = await findDatasetByName({ appId: app.id, name }, db);
  if (existing) return { ...existing, created: false };
  return { ...(await insertDataset({ appId: app.id, name, description }, db)), created: true };
}
