import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "./client";

/** The signed-in user's apps with counts, newest first. */
export async function listApps({ ownerId }: { ownerId: string }, db: Db = getPrisma()) {
  return db.app.findMany({
    where: { ownerId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      description: true,
      _count: { select: { models: true, datasets: true } },
    },
  });
}

/** One app with its models and datasets; not_found for missing apps and other owners' apps. */
export async function getAppOverview({ ownerId, appId }: { ownerId: string; appId: string }, db: Db = getPrisma()) {
  const app = await db.app.findFirst({
    where: { id: appId, ownerId },
    select: {
      id: true,
      name: true,
      description: true,
      models: {
        orderBy: { name: "asc" },
        select: { id: true, name: true, description: true, _count: { select: { versions: true } } },
      },
      datasets: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          description: true,
          versions: { orderBy: { number: "desc" }, take: 1, select: { number: true, sampleCount: true } },
        },
      },
    },
  });
  if (!app) throw new AppError("not_found", "App not found.");
  return app;
}
