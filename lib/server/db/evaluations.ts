import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "./client";

const evaluationHeaderSelect = {
  id: true,
  status: true,
  settings: true,
  progressDone: true,
  progressTotal: true,
  attempts: true,
  error: true,
  summary: true,
  createdAt: true,
  queuedAt: true,
  startedAt: true,
  finishedAt: true,
  modelVersion: {
    select: { id: true, number: true, runnerKind: true, model: { select: { id: true, name: true, app: { select: { id: true, name: true } } } } },
  },
  datasetVersion: {
    select: {
      id: true,
      number: true,
      sampleCount: true,
      ignoreIndex: true,
      classes: true,
      dataset: { select: { id: true, name: true, app: { select: { id: true, name: true } } } },
    },
  },
} as const;

/** An evaluation with what it evaluates and its per-class results; not_found for other owners. */
export async function getEvaluationPage({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()) {
  const evaluation = await db.evaluation.findFirst({
    where: { id: evaluationId, ownerId },
    select: { ...evaluationHeaderSelect, classResults: { orderBy: { classIndex: "asc" } } },
  });
  if (!evaluation) throw new AppError("not_found", "Evaluation not found.");
  return evaluation;
}

/** The live state of an evaluation (status and progress) for the progress poller. */
export async function getEvaluationProgress({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()) {
  const evaluation = await db.evaluation.findFirst({
    where: { id: evaluationId, ownerId },
    select: {
      id: true,
      status: true,
      progressDone: true,
      progressTotal: true,
      error: true,
      startedAt: true,
      finishedAt: true,
      queuedAt: true,
    },
  });
  if (!evaluation) throw new AppError("not_found", "Evaluation not found.");
  return evaluation;
}

/** The most recent evaluations of a model's versions, for the model page. */
export async function listModelEvaluations({ ownerId, modelId, take = 20 }: { ownerId: string; modelId: string; take?: number }, db: Db = getPrisma()) {
  return db.evaluation.findMany({
    where: { ownerId, modelVersion: { modelId } },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      status: true,
      createdAt: true,
      summary: true,
      modelVersion: { select: { number: true } },
      datasetVersion: { select: { number: true, dataset: { select: { name: true, app: { select: { name: true } } } } } },
    },
  });
}

/** The per-image results of an evaluation, worst mIoU first (undefined mIoU last). */
export async function listWorstSamples(
  { ownerId, evaluationId, take = 20 }: { ownerId: string; evaluationId: string; take?: number },
  db: Db = getPrisma(),
) {
  const rows = await db.evaluationSampleResult.findMany({
    where: { evaluationId, evaluation: { ownerId } },
    orderBy: [{ miou: { sort: "asc", nulls: "last" } }],
    take,
    select: { miou: true, pixelAccuracy: true, sample: { select: { id: true, name: true, tags: { select: { tag: true } } } } },
  });
  return rows.map((r) => ({ sampleId: r.sample.id, name: r.sample.name, tags: r.sample.tags.map((t) => t.tag), miou: r.miou, pixelAccuracy: r.pixelAccuracy }));
}
