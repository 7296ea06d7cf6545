import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "./client";

export interface DatasetPickerGroup {
  app: { id: string; name: string };
  isCurrentApp: boolean;
  datasets: { id: string; name: string; latest: { id: string; number: number; sampleCount: number } | null }[];
}

/**
 * Every dataset the user owns, grouped by app for the "Evaluation Dataset"
 * dropdown: the current app first, then the user's other apps by name.
 * Datasets without any version are listed with `latest: null`.
 */
export async function listDatasetsForPicker(
  { ownerId, currentAppId }: { ownerId: string; currentAppId: string },
  db: Db = getPrisma(),
): Promise<DatasetPickerGroup[]> {
  const apps = await db.app.findMany({
    where: { ownerId },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      datasets: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          versions: { orderBy: { number: "desc" }, take: 1, select: { id: true, number: true, sampleCount: true } },
        },
      },
    },
  });
  const groups = apps
    .filter((app) => app.datasets.length > 0)
    .map((app) => ({
      app: { id: app.id, name: app.name },
      isCurrentApp: app.id === currentAppId,
      datasets: app.datasets.map((d) => ({ id: d.id, name: d.name, latest: d.versions[0] ?? null })),
    }));
  return [...groups.filter((g) => g.isCurrentApp), ...groups.filter((g) => !g.isCurrentApp)];
}

/** The versions of one dataset (newest first); not_found for other owners. */
export async function listDatasetVersions({ ownerId, datasetId }: { ownerId: string; datasetId: string }, db: Db = getPrisma()) {
  const dataset = await db.dataset.findFirst({
    where: { id: datasetId, app: { ownerId } },
    select: {
      id: true,
      name: true,
      versions: { orderBy: { number: "desc" }, select: { id: true, number: true, sampleCount: true, createdAt: true, note: true } },
    },
  });
  if (!dataset) throw new AppError("not_found", "Dataset not found.");
  return dataset;
}

/** A dataset with its versions and the first samples of its latest version, for the dataset page. */
export async function getDatasetOverview(
  { ownerId, datasetId, sampleLimit = 48 }: { ownerId: string; datasetId: string; sampleLimit?: number },
  db: Db = getPrisma(),
) {
  const dataset = await db.dataset.findFirst({
    where: { id: datasetId, app: { ownerId } },
    select: {
      id: true,
      name: true,
      description: true,
      app: { select: { id: true, name: true } },
      versions: {
        orderBy: { number: "desc" },
        select: { id: true, number: true, sampleCount: true, createdAt: true, note: true, classes: true, ignoreIndex: true },
      },
    },
  });
  if (!dataset) throw new AppError("not_found", "Dataset not found.");
  const latest = dataset.versions[0];
  const samples = latest
    ? await db.datasetVersionSample.findMany({
        where: { datasetVersionId: latest.id },
        orderBy: { position: "asc" },
        take: sampleLimit,
        select: { sample: { select: { id: true, name: true, width: true, height: true, tags: { select: { tag: true } } } } },
      })
    : [];
  return { ...dataset, samples: samples.map((s) => ({ ...s.sample, tags: s.sample.tags.map((t) => t.tag) })) };
}

/** The samples of a dataset version in order, for the evaluation worker. */
export async function listVersionSamples({ datasetVersionId }: { datasetVersionId: string }, db: Db = getPrisma()) {
  const rows = await db.datasetVersionSample.findMany({
    where: { datasetVersionId },
    orderBy: { position: "asc" },
    select: {
      sample: {
        select: { id: true, name: true, imageSha256: true, maskSha256: true, width: true, height: true, tags: { select: { tag: true } } },
      },
    },
  });
  return rows.map((r) => ({ ...r.sample, tags: r.sample.tags.map((t) => t.tag) }));
}

/**
 * The blob of a sample's image or mask, only for its owner; not_found for
 * missing samples and other owners' samples.
 */
export async function getOwnedSampleBlob(
  { ownerId, sampleId, kind }: { ownerId: string; sampleId: string; kind: "image" | "mask" },
  db: Db = getPrisma(),
) {
  const sample = await db.sample.findFirst({
    where: { id: sampleId, dataset: { app: { ownerId } } },
    select: { name: true, imageSha256: true, imageContentType: true, maskSha256: true },
  });
  if (!sample) throw new AppError("not_found", "Sample not found.");
  return kind === "image"
    ? { sha256: sample.imageSha256, contentType: sample.imageContentType, fileName: sample.name }
    : { sha256: sample.maskSha256, contentType: "image/png", fileName: `${sample.name}.png` };
}
