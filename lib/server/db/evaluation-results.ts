import "server-only";
import { boundaryCountsSchema, sparseConfusionSchema } from "@/lib/contracts/sample-result";
import { classListSchema } from "@/lib/contracts/classes";
import { getPrisma, type Db } from "./client";
import { ownedBy, requireRow } from "./owner-scope";

/** The per-image results of an owned evaluation, worst mIoU first (undefined mIoU last). */
export async function listWorstSamples(
  { ownerId, evaluationId, take = 20 }: { ownerId: string; evaluationId: string; take?: number },
  db: Db = getPrisma(),
) {
  const rows = await db.evaluationSampleResult.findMany({
    where: { evaluationId, ...ownedBy.evaluationSampleResult(ownerId) },
    orderBy: [{ miou: { sort: "asc", nulls: "last" } }],
    take,
    select: { miou: true, pixelAccuracy: true, sample: { select: { id: true, name: true, tags: { select: { tag: true } } } } },
  });
  return rows.map((r) => ({ sampleId: r.sample.id, name: r.sample.name, tags: r.sample.tags.map((t) => t.tag), miou: r.miou, pixelAccuracy: r.pixelAccuracy }));
}

/** The ids of the samples an evaluation already has a result for (a resumed run skips them). */
export async function listDoneSampleIds({ evaluationId }: { evaluationId: string }, db: Db = getPrisma()): Promise<Set<string>> {
  const rows = await db.evaluationSampleResult.findMany({ where: { evaluationId }, select: { sampleId: true } });
  return new Set(rows.map((r) => r.sampleId));
}

/** Every stored per-image result of an evaluation (by sample id), with the sample's name and tags, JSON parsed. */
export async function listImageResults({ evaluationId }: { evaluationId: string }, db: Db = getPrisma()) {
  const rows = await db.evaluationSampleResult.findMany({
    where: { evaluationId },
    orderBy: { sampleId: "asc" },
    select: { confusion: true, boundary: true, sample: { select: { name: true, tags: { select: { tag: true } } } } },
  });
  return rows.map((row) => ({
    name: row.sample.name,
    tags: row.sample.tags.map((t) => t.tag),
    confusion: sparseConfusionSchema.parse(row.confusion),
    boundary: boundaryCountsSchema.nullable().parse(row.boundary),
  }));
}

/** Each image's sparse confusion matrix of an evaluation, by sample id. */
export async function listSampleMatrices({ evaluationId }: { evaluationId: string }, db: Db = getPrisma()) {
  const rows = await db.evaluationSampleResult.findMany({ where: { evaluationId }, select: { sampleId: true, confusion: true } });
  return new Map(rows.map((r) => [r.sampleId, sparseConfusionSchema.parse(r.confusion)]));
}

/** One owned image result with the blobs and colours needed to render it; not_found for other owners. */
export async function getSampleResultForView(
  { ownerId, evaluationId, sampleId }: { ownerId: string; evaluationId: string; sampleId: string },
  db: Db = getPrisma(),
) {
  const found = await db.evaluationSampleResult.findFirst({
    where: { evaluationId, sampleId, ...ownedBy.evaluationSampleResult(ownerId) },
    select: {
      predictionSha256: true,
      sample: { select: { name: true, maskSha256: true } },
      evaluation: { select: { datasetVersion: { select: { classes: true, ignoreIndex: true } } } },
    },
  });
  const row = requireRow(found, "Sample result");
  const version = row.evaluation.datasetVersion;
  return {
    name: row.sample.name,
    maskSha256: row.sample.maskSha256,
    predictionSha256: row.predictionSha256,
    classes: classListSchema.parse(version.classes),
    ignoreIndex: version.ignoreIndex,
  };
}

/**
 * Every per-image result of an owned evaluation for the results browser's
 * in-memory index: sample id, name, tags, stored scores and the sparse
 * matrix. not_found for another owner's evaluation (checked by the caller
 * through findResultsHeader; the owner is also in this `where`).
 */
export async function listImageIndexRows({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()) {
  const rows = await db.evaluationSampleResult.findMany({
    where: { evaluationId, ...ownedBy.evaluationSampleResult(ownerId) },
    orderBy: { sampleId: "asc" },
    select: { sampleId: true, miou: true, pixelAccuracy: true, confusion: true, sample: { select: { name: true, tags: { select: { tag: true } } } } },
  });
  return rows.map((r) => ({
    sampleId: r.sampleId,
    name: r.sample.name,
    tags: r.sample.tags.map((t) => t.tag),
    miou: r.miou,
    pixelAccuracy: r.pixelAccuracy,
    confusion: sparseConfusionSchema.parse(r.confusion),
  }));
}
