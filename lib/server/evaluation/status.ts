import type { Db } from "@/lib/server/db/client";

/** The persisted lifecycle of an evaluation. `created` is the draft before the user clicks "Evaluate". */
export const EVALUATION_STATUSES = ["created", "queued", "running", "succeeded", "failed", "cancelled"] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];

type TransitionData = Parameters<Db["evaluation"]["updateMany"]>[0]["data"];

/**
 * The one way to change an evaluation's status: the update only happens when
 * the row is still in one of `from` (and, for a worker, still owned by
 * `workerId`), so a stale worker can never overwrite a finished or
 * re-assigned run. Returns whether the transition happened.
 */
export async function transitionEvaluation(
  db: Pick<Db, "evaluation">,
  args: { evaluationId: string; from: readonly EvaluationStatus[]; to: EvaluationStatus; workerId?: string; data?: TransitionData },
): Promise<boolean> {
  const result = await db.evaluation.updateMany({
    where: {
      id: args.evaluationId,
      status: { in: [...args.from] },
      ...(args.workerId ? { workerId: args.workerId } : {}),
    },
    data: { ...(args.data ?? {}), status: args.to },
  });
  return result.count === 1;
}
