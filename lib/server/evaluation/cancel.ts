import "server-only";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { markEvaluationCancelled } from "@/lib/server/db/evaluation-transitions";
import { getEvaluationStatus } from "@/lib/server/db/evaluations";
import { findOwnedEvaluation } from "@/lib/server/db/owned";
import { requireRow } from "@/lib/server/db/owner-scope";

/** Cancels a queued or running evaluation; the worker notices at its next write and stops. Returns the status after the call. */
export async function cancelEvaluation(
  { ownerId, evaluationId }: { ownerId: string; evaluationId: string },
  db: Db = getPrisma(),
): Promise<{ status: string }> {
  await findOwnedEvaluation({ ownerId, evaluationId }, db);
  await markEvaluationCancelled({ evaluationId }, db);
  return { status: requireRow(await getEvaluationStatus({ evaluationId }, db), "Evaluation") };
}
