import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { transitionEvaluation } from "./status";
import { wakeWorkers } from "./wake";

/**
 * Queues an evaluation for the background worker (the "Evaluate" button on
 * the results page). A draft, failed or cancelled evaluation is queued; a
 * failed one resumes and keeps its finished images. Calling it again on a
 * queued, running or finished evaluation changes nothing (a double click is
 * harmless). Returns the status after the call.
 */
export async function startEvaluation(
  { ownerId, evaluationId }: { ownerId: string; evaluationId: string },
  db: Db = getPrisma(),
): Promise<{ status: string }> {
  const evaluation = await db.evaluation.findFirst({ where: { id: evaluationId, ownerId }, select: { id: true, status: true } });
  if (!evaluation) throw new AppError("not_found", "Evaluation not found.");
  const queued = await transitionEvaluation(db, {
    evaluationId,
    from: ["created", "failed", "cancelled"],
    to: "queued",
    data: { queuedAt: new Date(), error: null, finishedAt: null, workerId: null },
  });
  if (queued) wakeWorkers();
  const now = await db.evaluation.findUniqueOrThrow({ where: { id: evaluationId }, select: { status: true } });
  return { status: now.status };
}

/** Cancels a queued or running evaluation; the worker notices at its next heartbeat and stops. */
export async function cancelEvaluation(
  { ownerId, evaluationId }: { ownerId: string; evaluationId: string },
  db: Db = getPrisma(),
): Promise<{ status: string }> {
  const evaluation = await db.evaluation.findFirst({ where: { id: evaluationId, ownerId }, select: { id: true } });
  if (!evaluation) throw new AppError("not_found", "Evaluation not found.");
  await transitionEvaluation(db, { evaluationId, from: ["queued", "running"], to: "cancelled", data: { finishedAt: new Date() } });
  const now = await db.evaluation.findUniqueOrThrow({ where: { id: evaluationId }, select: { status: true } });
  return { status: now.status };
}
