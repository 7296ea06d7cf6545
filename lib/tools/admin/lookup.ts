import type { ClassEntry } from "@/lib/contracts/classes";
import { AppError } from "@/lib/core/errors";
import { normaliseEmail } from "@/lib/server/auth/sessions";
import { findAppByName } from "@/lib/server/db/apps";
import type { Db } from "@/lib/server/db/client";
import { findDatasetVersion } from "@/lib/server/db/dataset-versions";
import { findDatasetByName } from "@/lib/server/db/datasets";
import { findUserByEmail as findUser } from "@/lib/server/db/users";

/** The user with this email (trimmed, lower-cased); not_found with a hint to create one. */
export async function findUserByEmail(db: Db, email: string): Promise<{ id: string; email: string; name: string }> {
  const user = await findUser({ email: normaliseEmail(email) }, db);
  if (!user) throw new AppError("not_found", `No user with the email ${normaliseEmail(email)} (create one with create-user).`);
  return user;
}

/** The user's app of that name; not_found with a hint to create it. */
export async function findAppNamed(db: Db, owner: { id: string; email: string }, appName: string): Promise<{ id: string; name: string }> {
  const app = await findAppByName({ ownerId: owner.id, name: appName }, db);
  if (!app) throw new AppError("not_found", `${owner.email} has no app named "${appName}" (create it with create-app).`);
  return app;
}

/**
 * A version of the app's dataset `datasetName`: `number`, or the latest when
 * omitted. not_found names what is missing.
 */
export async function findDatasetVersionNamed(
  db: Db,
  app: { id: string; name: string },
  datasetName: string,
  number?: number,
): Promise<{ id: string; number: number; datasetName: string; classes: ClassEntry[]; ignoreIndex: number | null }> {
  const dataset = await findDatasetByName({ appId: app.id, name: datasetName }, db);
  if (!dataset) throw new AppError("not_found", `App "${app.name}" has no dataset named "${datasetName}".`);
  const version = await findDatasetVersion({ datasetId: dataset.id, number }, db);
  if (!version) {
    throw new AppError("not_found", number === undefined ? `Dataset "${datasetName}" has no versions yet.` : `Dataset "${datasetName}" has no version ${number}.`);
  }
  return { id: version.id, number: version.number, datasetName, classes: version.classes, ignoreIndex: version.ignoreIndex };
}

/** `0 Sky, 1 Building, …` — every class, for summaries. */
export function formatClasses(classes: readonly { index: number; name: string }[]): string {
  return classes.map((c) => `${c.index} ${c.name}`).join(", ");
}
