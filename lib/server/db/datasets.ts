import "server-only";
import type { DatasetPickerGroupDto, DatasetVersionPickerGroupDto } from "@/lib/contracts/dataset-picker";
import { classListSchema } from "@/lib/contracts/classes";
import { getPrisma, type Db } from "./client";
import { largestImagesOf } from "./dataset-version-stats";
import { ownedBy, requireRow } from "./owner-scope";
import { latestVersion, latestVersionOnly, newestFirst } from "./versions";

/** The owner's apps by name, each with its datasets by name and the versions `versions` keeps (newest first). */
function appsWithDatasetVersions(ownerId: string, versions: { orderBy: typeof newestFirst; take?: number }, db: Db) {
  return db.app.findMany({
    where: ownedBy.app(ownerId),
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      datasets: { orderBy: { name: "asc" }, select: { id: true, name: true, versions: { ...versions, select: { id: true, number: true, sampleCount: true, classes: true } } } },
    },
  });
}

/** Picker groups with the current app's first, then the others in their order. */
const currentAppFirst = <G extends { isCurrentApp: boolean }>(groups: G[]): G[] => [...groups.filter((g) => g.isCurrentApp), ...groups.filter((g) => !g.isCurrentApp)];

/** A version as the pickers show it: number, size, class names and their colours. */
function pickerVersion(v: { id: string; number: number; sampleCount: number; classes: unknown }) {
  const classes = classListSchema.parse(v.classes);
  return { id: v.id, number: v.number, sampleCount: v.sampleCount, classNames: classes.map((c) => c.name), classColors: classes.map((c) => c.color) };
}

/**
 * Every dataset the user owns, grouped by app for the "Evaluation Dataset"
 * dropdown: the current app first, then the user's other apps by name.
 * Datasets without any version are listed with `latest: null`; the latest
 * version carries its class names (for the class overlap shown per model
 * version) and its largest image (for models with a fixed input size).
 */
export async function listDatasetsForPicker(
  { ownerId, currentAppId }: { ownerId: string; currentAppId: string },
  db: Db = getPrisma(),
): Promise<DatasetPickerGroupDto[]> {
  const apps = await appsWithDatasetVersions(ownerId, latestVersionOnly, db);
  const largest = await largestImagesOf({ datasetVersionIds: apps.flatMap((a) => a.datasets.flatMap((d) => d.versions.map((v) => v.id))) }, db);
  return currentAppFirst(
    apps
      .filter((app) => app.datasets.length > 0)
      .map((app) => ({
        app: { id: app.id, name: app.name },
        isCurrentApp: app.id === currentAppId,
        datasets: app.datasets.map((d) => {
          const latest = latestVersion(d.versions);
          return { id: d.id, name: d.name, latest: latest && { ...pickerVersion(latest), largestImage: largest.get(latest.id) ?? null } };
        }),
      })),
  );
}

/**
 * Every version (newest first, with sample count and class names) of every
 * dataset the user owns, grouped by app: the current app first, then the
 * others by name. Datasets without a version are left out (nothing to pick).
 */
export async function listDatasetVersionsForPicker(
  { ownerId, currentAppId }: { ownerId: string; currentAppId: string },
  db: Db = getPrisma(),
): Promise<DatasetVersionPickerGroupDto[]> {
  const apps = await appsWithDatasetVersions(ownerId, { orderBy: newestFirst }, db);
  return currentAppFirst(
    apps
      .map((app) => ({
        app: { id: app.id, name: app.name },
        isCurrentApp: app.id === currentAppId,
        datasets: app.datasets.filter((d) => d.versions.length > 0).map((d) => ({ id: d.id, name: d.name, versions: d.versions.map(pickerVersion) })),
      }))
      .filter((g) => g.datasets.length > 0),
  );
}

/** A dataset with its versions (newest first, classes parsed) and the first samples of its latest version, for the dataset page. */
export async function getDatasetOverview(
  { ownerId, datasetId, sampleLimit = 48 }: { ownerId: string; datasetId: string; sampleLimit?: number },
  db: Db = getPrisma(),
) {
  const found = await db.dataset.findFirst({
    where: { id: datasetId, ...ownedBy.dataset(ownerId) },
    select: {
      id: true,
      name: true,
      description: true,
      app: { select: { id: true, name: true } },
      versions: {
        orderBy: newestFirst,
        select: { id: true, number: true, sampleCount: true, createdAt: true, note: true, classes: true, ignoreIndex: true },
      },
    },
  });
  const dataset = requireRow(found, "Dataset");
  const versions = dataset.versions.map((v) => ({ ...v, classes: classListSchema.parse(v.classes) }));
  const latest = latestVersion(versions);
  const samples = latest
    ? await db.datasetVersionSample.findMany({
        where: { datasetVersionId: latest.id },
        orderBy: { position: "asc" },
        take: sampleLimit,
        select: { sample: { select: { id: true, name: true, width: true, height: true, tags: { select: { tag: true } } } } },
      })
    : [];
  return { ...dataset, versions, latest, samples: samples.map((s) => ({ ...s.sample, tags: s.sample.tags.map((t) => t.tag) })) };
}

/** The app's dataset of that name, or null. */
export async function findDatasetByName({ appId, name }: { appId: string; name: string }, db: Db = getPrisma()) {
  return db.dataset.findUnique({ where: { appId_name: { appId, name } }, select: { id: true, name: true } });
}

/** Inserts a dataset; a taken name surfaces as a unique violation. */
export async function insertDataset(
  { appId, name, description = "" }: { appId: string; name: string; description?: string },
  db: Db = getPrisma(),
) {
  return db.dataset.create({ data: { appId, name, description }, select: { id: true, name: true } });
}

/** Deletes a dataset and (by cascade) its versions; used to undo a dataset created for an import that failed. */
export async function deleteDataset({ datasetId }: { datasetId: string }, db: Db = getPrisma()): Promise<void> {
  await db.dataset.delete({ where: { id: datasetId } });
}

/** The datasets of one owned app (by name) with their latest version; not_found for other owners' apps. */
export async function listAppDatasets({ ownerId, appId }: { ownerId: string; appId: string }, db: Db = getPrisma()) {
  const app = await db.app.findFirst({
    where: { id: appId, ...ownedBy.app(ownerId) },
    select: {
      datasets: {
        orderBy: { name: "asc" },
        select: { id: true, name: true, description: true, createdAt: true, versions: { ...latestVersionOnly, select: { id: true, number: true, sampleCount: true } } },
      },
    },
  });
  return requireRow(app, "App").datasets.map((d) => ({ id: d.id, name: d.name, description: d.description, createdAt: d.createdAt, latest: latestVersion(d.versions) }));
}
