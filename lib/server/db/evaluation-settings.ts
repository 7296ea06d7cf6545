import "server-only";
import { evaluationSettingsSchema, type EvaluationSettings } from "@/lib/contracts/evaluation-settings";
import { getPrisma, type Db } from "./client";

/**
 * Replaces an evaluation's class mapping while it is still `created` (the
 * run has not started); false when it has started meanwhile. The settings
 * are read, merged and written in one transaction.
 */
export async function updateClassMappingWhileCreated(
  { evaluationId, classMapping }: { evaluationId: string; classMapping: Record<string, number> },
  db: Db = getPrisma(),
): Promise<boolean> {
  return patchSettingsWhileCreated(evaluationId, { classMapping }, db);
}

/**
 * Sets an evaluation's IoU threshold while it is still `created`; false when
 * the run has started meanwhile. Read, merged and written in one transaction.
 */
export async function updateIouThresholdWhileCreated(
  { evaluationId, iouThreshold }: { evaluationId: string; iouThreshold: number },
  db: Db = getPrisma(),
): Promise<boolean> {
  return patchSettingsWhileCreated(evaluationId, { iouThreshold }, db);
}

/** Merges `patch` into the settings of a `created` evaluation in one transaction; false once it has started. */
async function patchSettingsWhileCreated(evaluationId: string, patch: Partial<EvaluationSettings>, db: Db): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const row = await tx.evaluation.findUnique({ where: { id: evaluationId }, select: { settings: true, status: true } });
    if (!row || row.status !== "created") return false;
    const settings = { ...evaluationSettingsSchema.parse(row.settings), ...patch };
    const { count } = await tx.evaluation.updateMany({ where: { id: evaluationId, status: "created" }, data: { settings } });
    return count === 1;
  });
}
