import "server-only";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { markEvaluationQueued } from "@/lib/server/db/evaluation-transitions";
import { getEvaluationStatus } from "@/lib/server/db/evaluations";
import { findOwnedEvaluation } from "@/lib/server/db/owned";
import { requireRow } from "@/lib/server/db/owner-scope";
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
  await findOwnedEvaluation({ ownerId, evaluationId }, db);
  if (await markEvaluationQueued({ evaluationId }, db)) wakeWorkers();
  return { status: requireRow(await getEvaluationStatus({ evaluationId }, db), "Evaluation") };
}
