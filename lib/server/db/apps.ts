import "server-only";
import { classListSchema } from "@/lib/contracts/classes";
import { getPrisma, type Db } from "./client";
import { ownedBy, requireRow } from "./owner-scope";
import { latestVersionOnly, newestFirst } from "./versions";

/** The signed-in user's apps with counts, by name. */
export async function listApps({ ownerId }: { ownerId: string }, db: Db = getPrisma()) {
  return db.app.findMany({
    where: ownedBy.app(ownerId),
    orderBy: { name: "asc" },
    select: { id: true, name: true, description: true, _count: { select: { models: true, datasets: true } } },
  });
}

/** One app with its models and datasets (each with its latest version); not_found for missing apps and other owners' apps. */
export async function getAppOverview({ ownerId, appId }: { ownerId: string; appId: string }, db: Db = getPrisma()) {
  const app = await db.app.findFirst({
    where: { id: appId, ...ownedBy.app(ownerId) },
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
        select: { id: true, name: true, description: true, versions: { ...latestVersionOnly, select: { number: true, sampleCount: true } } },
      },
    },
  });
  return requireRow(app, "App");
}

/** The owner's app of that name, or null. */
export async function findAppByName({ ownerId, name }: { ownerId: string; name: string }, db: Db = getPrisma()) {
  return db.app.findUnique({ where: { ownerId_name: { ownerId, name } }, select: { id: true, name: true } });
}

/** Inserts an app; a taken name surfaces as a unique violation. */
export async function insertApp({ ownerId, name, description }: { ownerId: string; name: string; description: string }, db: Db = getPrisma()) {
  return db.app.create({ data: { ownerId, name, description }, select: { id: true, name: true } });
}

/**
 * Everything the owner has, for `admin list`: apps, datasets and models by
 * name, versions newest first, with class counts and prediction counts.
 */
export async function listOwnerTree({ ownerId }: { ownerId: string }, db: Db = getPrisma()) {
  const apps = await db.app.findMany({
    where: ownedBy.app(ownerId),
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      datasets: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          versions: { orderBy: newestFirst, select: { number: true, sampleCount: true, classes: true, ignoreIndex: true, note: true } },
        },
      },
      models: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          versions: {
            orderBy: newestFirst,
            select: {
              number: true,
              runnerKind: true,
              classes: true,
              note: true,
              trainingDatasetVersion: { select: { number: true, dataset: { select: { name: true } } } },
              _count: { select: { predictionMasks: true } },
            },
          },
        },
      },
    },
  });
  return apps.map((a) => ({
    ...a,
    datasets: a.datasets.map((d) => ({ ...d, versions: d.versions.map((v) => ({ ...v, classes: classListSchema.parse(v.classes) })) })),
    models: a.models.map((m) => ({ ...m, versions: m.versions.map((v) => ({ ...v, classes: classListSchema.parse(v.classes) })) })),
  }));
}
