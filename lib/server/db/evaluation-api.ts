import "server-only";
import { evaluationSettingsSchema } from "@/lib/contracts/evaluation-settings";
import { evaluationStatusSchema } from "@/lib/contracts/evaluation-status";
import { evaluationSummarySchema } from "@/lib/contracts/evaluation-summary";
import { getPrisma, type Db } from "./client";
import { isId, notFound, ownedBy, requireRow } from "./owner-scope";

/**
 * Status, progress, error and (once succeeded) the summary of an owned
 * evaluation, for GET /api/v1/evaluations/:id; not_found for other owners.
 * The summary column is only read for a succeeded run.
 */
export async function getEvaluationState({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()) {
  if (!isId(evaluationId)) notFound("Evaluation");
  const found = await db.evaluation.findFirst({
    where: { id: evaluationId, ...ownedBy.evaluation(ownerId) },
    select: { id: true, status: true, progressDone: true, progressTotal: true, error: true, startedAt: true, finishedAt: true },
  });
  const e = requireRow(found, "Evaluation");
  const status = evaluationStatusSchema.parse(e.status);
  let summary = null;
  if (status === "succeeded") {
    const row = await db.evaluation.findFirst({ where: { id: e.id, ...ownedBy.evaluation(ownerId) }, select: { summary: true } });
    summary = evaluationSummarySchema.nullable().parse(row?.summary ?? null);
  }
  return { ...e, status, summary };
}

/** What an export needs beside the image index: the ignore index and the stored per-class boundary IoU (by class index). */
export async function getExportExtras({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()) {
  if (!isId(evaluationId)) notFound("Evaluation");
  const found = await db.evaluation.findFirst({
    where: { id: evaluationId, ...ownedBy.evaluation(ownerId) },
    select: { settings: true, classResults: { orderBy: { classIndex: "asc" }, select: { classIndex: true, boundaryIou: true } } },
  });
  const e = requireRow(found, "Evaluation");
  return { ignoreIndex: evaluationSettingsSchema.parse(e.settings).ignoreIndex, boundaryIou: e.classResults };
}
