import { normaliseEmail } from "@/lib/server/auth/sessions";
import type { Db } from "@/lib/server/db/client";
import { AppError } from "@/lib/core/errors";

/** A class as stored on dataset and model versions. */
export interface StoredClass {
  index: number;
  name: string;
  color: [number, number, number];
}

/** The user with this email (trimmed, lower-cased); not_found with a hint to create one. */
export async function findUserByEmail(db: Db, email: string): Promise<{ id: string; email: string; name: string }> {
  const user = await db.user.findUnique({ where: { email: normaliseEmail(email) }, select: { id: true, email: true, name: true } });
  if (!user) throw new AppError("not_found", `No user with the email ${normaliseEmail(email)} (create one with create-user).`);
  return user;
}

/** The user's app of that name; not_found with a hint to create it. */
export async function findOwnedApp(db: Db, owner: { id: string; email: string }, appName: string): Promise<{ id: string; name: string }> {
  const app = await db.app.findUnique({ where: { ownerId_name: { ownerId: owner.id, name: appName } }, select: { id: true, name: true } });
  if (!app) throw new AppError("not_found", `${owner.email} has no app named "${appName}" (create it with create-app).`);
  return app;
}

/**
 * A version of the app's dataset `datasetName`: `number`, or the latest when
 * omitted. not_found names what is missing.
 */
export async function findDatasetVersion(
  db: Db,
  app: { id: string; name: string },
  datasetName: string,
  number?: number,
): Promise<{ id: string; number: number; datasetName: string; classes: StoredClass[]; ignoreIndex: number | null }> {
  const dataset = await db.dataset.findUnique({ where: { appId_name: { appId: app.id, name: datasetName } }, select: { id: true } });
  if (!dataset) throw new AppError("not_found", `App "${app.name}" has no dataset named "${datasetName}".`);
  const version = await db.datasetVersion.findFirst({
    where: { datasetId: dataset.id, ...(number === undefined ? {} : { number }) },
    orderBy: { number: "desc" },
    select: { id: true, number: true, classes: true, ignoreIndex: true },
  });
  if (!version) {
    throw new AppError("not_found", number === undefined ? `Dataset "${datasetName}" has no versions yet.` : `Dataset "${datasetName}" has no version ${number}.`);
  }
  return { ...version, datasetName, classes: version.classes as unknown as StoredClass[] };
}

/** `0 Sky, 1 Building, …` — every class, for summaries. */
export function formatClasses(classes: readonly { index: number; name: string }[]): string {
  return classes.map((c) => `${c.index} ${c.name}`).join(", ");
}
