import "server-only";
import { classListSchema } from "@/lib/contracts/classes";
import { evaluationSettingsSchema, type EvaluationSettings } from "@/lib/contracts/evaluation-settings";
import { evaluationStatusSchema, type EvaluationStatus } from "@/lib/contracts/evaluation-status";
import { evaluationSummarySchema } from "@/lib/contracts/evaluation-summary";
import { runnerConfigSchema } from "@/lib/contracts/runner-config";
import { isEditedMapping } from "@/lib/core/model-classes";
import { getPrisma, type Db } from "./client";
import { ownedBy, requireRow } from "./owner-scope";
import { listVersionSamples } from "./samples";

const parseSummary = (summary: unknown) => evaluationSummarySchema.nullable().parse(summary);
/** True when an evaluation's stored mapping scores some class otherwise than by name (every evaluation stores one). */
const hasEditedMapping = (settings: unknown, modelClasses: unknown, datasetClasses: unknown) =>
  isEditedMapping(evaluationSettingsSchema.parse(settings).classMapping, classListSchema.parse(modelClasses), classListSchema.parse(datasetClasses));

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

/** An evaluation with what it evaluates and its per-class results, JSON columns parsed; not_found for other owners. */
export async function getEvaluationPage({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()) {
  const found = await db.evaluation.findFirst({
    where: { id: evaluationId, ...ownedBy.evaluation(ownerId) },
    select: { ...evaluationHeaderSelect, classResults: { orderBy: { classIndex: "asc" } } },
  });
  const e = requireRow(found, "Evaluation");
  return {
    ...e,
    status: evaluationStatusSchema.parse(e.status),
    settings: evaluationSettingsSchema.parse(e.settings),
    summary: parseSummary(e.summary),
    datasetVersion: { ...e.datasetVersion, classes: classListSchema.parse(e.datasetVersion.classes) },
  };
}

/** The live state of an evaluation (status and progress) for the progress poller; not_found for other owners. */
export async function getEvaluationProgress({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()) {
  const found = await db.evaluation.findFirst({
    where: { id: evaluationId, ...ownedBy.evaluation(ownerId) },
    select: { id: true, status: true, progressDone: true, progressTotal: true, error: true, startedAt: true, finishedAt: true, queuedAt: true },
  });
  const e = requireRow(found, "Evaluation");
  return { ...e, status: evaluationStatusSchema.parse(e.status) };
}

/** The most recent evaluations of a model's versions, for the model page. */
export async function listModelEvaluations({ ownerId, modelId, take = 20 }: { ownerId: string; modelId: string; take?: number }, db: Db = getPrisma()) {
  const rows = await db.evaluation.findMany({
    where: { ...ownedBy.evaluation(ownerId), modelVersion: { modelId } },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      status: true,
      createdAt: true,
      summary: true,
      settings: true,
      modelVersion: { select: { number: true, classes: true } },
      datasetVersion: { select: { number: true, classes: true, dataset: { select: { name: true, app: { select: { name: true } } } } } },
    },
  });
  return rows.map(({ settings, ...r }) => ({
    ...r,
    name: evaluationSettingsSchema.parse(settings).name ?? null,
    summary: parseSummary(r.summary),
    customMapping: hasEditedMapping(settings, r.modelVersion.classes, r.datasetVersion.classes),
  }));
}

/** Inserts a draft (`created`) evaluation; callers have checked that the owner owns both versions. */
export async function insertEvaluation(
  args: { ownerId: string; modelVersionId: string; datasetVersionId: string; settings: EvaluationSettings; progressTotal: number },
  db: Db = getPrisma(),
): Promise<{ id: string }> {
  return db.evaluation.create({
    data: {
      ownerId: args.ownerId,
      modelVersionId: args.modelVersionId,
      datasetVersionId: args.datasetVersionId,
      settings: evaluationSettingsSchema.parse(args.settings),
      status: "created",
      progressTotal: args.progressTotal,
    },
    select: { id: true },
  });
}

/** The current status of an evaluation, or null when it does not exist. */
export async function getEvaluationStatus({ evaluationId }: { evaluationId: string }, db: Db = getPrisma()): Promise<EvaluationStatus | null> {
  const row = await db.evaluation.findUnique({ where: { id: evaluationId }, select: { status: true } });
  return row ? evaluationStatusSchema.parse(row.status) : null;
}

/** What the engine needs to run an evaluation: its settings, both class lists, the model version's runner and the samples in order. */
export async function loadRunInput({ evaluationId }: { evaluationId: string }, db: Db = getPrisma()) {
  const e = await db.evaluation.findUniqueOrThrow({
    where: { id: evaluationId },
    select: {
      settings: true,
      modelVersion: { select: { id: true, runnerKind: true, runnerConfig: true, classes: true } },
      datasetVersion: { select: { id: true, classes: true } },
    },
  });
  return {
    settings: evaluationSettingsSchema.parse(e.settings),
    datasetClasses: classListSchema.parse(e.datasetVersion.classes),
    modelClasses: classListSchema.parse(e.modelVersion.classes),
    modelVersion: { id: e.modelVersion.id, runnerKind: e.modelVersion.runnerKind, runnerConfig: runnerConfigSchema.parse(e.modelVersion.runnerConfig) },
    samples: await listVersionSamples({ datasetVersionId: e.datasetVersion.id }, db),
  };
}

/** The owner's succeeded evaluation `evaluationId` with its dataset version's class count, or null. */
export async function findSucceededEvaluation({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()) {
  const self = await db.evaluation.findFirst({
    where: { id: evaluationId, ...ownedBy.evaluation(ownerId), status: "succeeded" },
    select: { modelVersionId: true, datasetVersionId: true, settings: true, modelVersion: { select: { classes: true } }, datasetVersion: { select: { classes: true } } },
  });
  if (!self) return null;
  return {
    modelVersionId: self.modelVersionId,
    datasetVersionId: self.datasetVersionId,
    numClasses: classListSchema.parse(self.datasetVersion.classes).length,
    customMapping: hasEditedMapping(self.settings, self.modelVersion.classes, self.datasetVersion.classes),
  };
}

/**
 * The owner's other succeeded evaluations on the same dataset version or of
 * the same model version, most recently finished first; `customMapping` when
 * classes were matched by an edited mapping rather than by name.
 */
export async function listComparableEvaluations(
  args: { ownerId: string; evaluationId: string; modelVersionId: string; datasetVersionId: string },
  db: Db = getPrisma(),
) {
  const rows = await db.evaluation.findMany({
    where: {
      ...ownedBy.evaluation(args.ownerId),
      status: "succeeded",
      id: { not: args.evaluationId },
      OR: [{ datasetVersionId: args.datasetVersionId }, { modelVersionId: args.modelVersionId }],
    },
    orderBy: { finishedAt: "desc" },
    select: {
      id: true,
      summary: true,
      modelVersionId: true,
      datasetVersionId: true,
      settings: true,
      modelVersion: { select: { number: true, classes: true, model: { select: { name: true } } } },
      datasetVersion: { select: { number: true, classes: true, dataset: { select: { name: true, app: { select: { name: true } } } } } },
    },
  });
  return rows.map(({ settings, ...r }) => ({ ...r, summary: parseSummary(r.summary), customMapping: hasEditedMapping(settings, r.modelVersion.classes, r.datasetVersion.classes) }));
}

/** What the results endpoints need of an owned evaluation: status, finish time (cache key), classes and summary; not_found for other owners. */
export async function findResultsHeader({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()) {
  const found = await db.evaluation.findFirst({
    where: { id: evaluationId, ...ownedBy.evaluation(ownerId) },
    select: { id: true, status: true, finishedAt: true, settings: true, summary: true, datasetVersion: { select: { classes: true, dataset: { select: { tagsVersion: true } } } } },
  });
  const e = requireRow(found, "Evaluation");
  return {
    id: e.id,
    status: evaluationStatusSchema.parse(e.status),
    finishedAt: e.finishedAt,
    settings: evaluationSettingsSchema.parse(e.settings),
    summary: parseSummary(e.summary),
    classes: classListSchema.parse(e.datasetVersion.classes),
    /** The dataset's tag-edit count: the images' tags as of now. */
    tagsVersion: e.datasetVersion.dataset.tagsVersion,
  };
}

/** The owner's most recent evaluation of this model version on this dataset version (any status), or null. */
export async function findLatestEvaluationOfPair(
  { ownerId, modelVersionId, datasetVersionId }: { ownerId: string; modelVersionId: string; datasetVersionId: string },
  db: Db = getPrisma(),
) {
  return db.evaluation.findFirst({
    where: { ...ownedBy.evaluation(ownerId), modelVersionId, datasetVersionId },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, createdAt: true },
  });
}

/** Sets (or clears, with null) the display name kept in an owned evaluation's settings; not_found for other owners. */
export async function renameOwnedEvaluation({ ownerId, evaluationId, name }: { ownerId: string; evaluationId: string; name: string | null }, db: Db = getPrisma()) {
  const found = await db.evaluation.findFirst({ where: { id: evaluationId, ...ownedBy.evaluation(ownerId) }, select: { settings: true } });
  const { name: _old, ...settings } = evaluationSettingsSchema.parse(requireRow(found, "Evaluation").settings);
  const next = evaluationSettingsSchema.parse(name ? { ...settings, name } : settings);
  await db.evaluation.updateMany({ where: { id: evaluationId, ...ownedBy.evaluation(ownerId) }, data: { settings: next } });
}

/** Deletes an owned evaluation that is not queued or running (its per-class and per-image results cascade); false when none matched. */
export async function deleteOwnedEvaluation({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()): Promise<boolean> {
  const { count } = await db.evaluation.deleteMany({ where: { id: evaluationId, ...ownedBy.evaluation(ownerId), status: { notIn: ["queued", "running"] } } });
  return count > 0;
}

/** "Evaluation: <model> vN on <dataset> vM" of an owned evaluation, in one query (the results page's title); not_found otherwise. */
export async function getEvaluationTitle({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()): Promise<string> {
  const e = requireRow(
    await db.evaluation.findFirst({
      where: { id: evaluationId, ...ownedBy.evaluation(ownerId) },
      select: { modelVersion: { select: { number: true, model: { select: { name: true } } } }, datasetVersion: { select: { number: true, dataset: { select: { name: true } } } } },
    }),
    "Evaluation",
  );
  return `Evaluation: ${e.modelVersion.model.name} v${e.modelVersion.number} on ${e.datasetVersion.dataset.name} v${e.datasetVersion.number}`;
}

/** The owner's succeeded evaluations of a model's versions, for the model page's leaderboard. */
export async function listLeaderboardEvaluations({ ownerId, modelId }: { ownerId: string; modelId: string }, db: Db = getPrisma()) {
  const rows = await db.evaluation.findMany({
    where: { ...ownedBy.evaluation(ownerId), modelVersion: { modelId }, status: "succeeded" },
    orderBy: { finishedAt: "desc" },
    select: {
      id: true,
      finishedAt: true,
      createdAt: true,
      summary: true,
      settings: true,
      modelVersion: { select: { number: true, classes: true } },
      datasetVersion: { select: { id: true, number: true, classes: true, dataset: { select: { name: true, app: { select: { name: true } } } } } },
    },
  });
  return rows.map(({ settings, ...r }) => ({
    ...r,
    summary: parseSummary(r.summary),
    customMapping: hasEditedMapping(settings, r.modelVersion.classes, r.datasetVersion.classes),
  }));
}
