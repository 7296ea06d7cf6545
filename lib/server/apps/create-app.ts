import "server-only";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { findAppByName, insertApp } from "@/lib/server/db/apps";
import { isUniqueViolation } from "@/lib/server/db/users";

/**
 * Creates the owner's app `name`, or finds it when it exists already
 * (idempotent: `created` is false then and the description is left as it
 * was). A concurrent create of the same name also ends in the existing app.
 */
export async function createApp(
  { ownerId, name, description = "" }: { ownerId: string; name: string; description?: string },
  db: Db = getPrisma(),
): Promise<{ id: string; name: string; created: boolean }> {
  const existing = await findAppByName({ ownerId, name }, db);
  if (existing) return { ...existing, created: false };
  try {
    return { ...(await insertApp({ ownerId, name, description }, db)), created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await findAppByName({ ownerId, name }, db);
    if (!raced) throw error;
    return { ...raced, created: false };
  }
}
