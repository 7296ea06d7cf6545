import "server-only";
import { z } from "zod";
import { NAME_MAX_LENGTH, refineName } from "@/lib/contracts/app-input";
import { AppError } from "@/lib/core/errors";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { deleteOwnedEvaluation, renameOwnedEvaluation } from "@/lib/server/db/evaluations";
import { findOwnedEvaluation, findOwnedModelVersion } from "@/lib/server/db/owned";

export const renameEvaluationSchema = z.object({
  evaluationId: z.string().min(1),
  name: z
    .string()
    .trim()
    .max(NAME_MAX_LENGTH.evaluation, `At most ${NAME_MAX_LENGTH.evaluation} characters.`)
    .superRefine(refineName()),
});

/** Renames an owned evaluation (an empty name clears it); the name lives in the evaluation's settings. not_found for other owners. */
export async function renameEvaluation({ ownerId, evaluationId, name }: { ownerId: string; evaluationId: string; name: string }, db: Db = getPrisma()) {
  await findOwnedEvaluation({ ownerId, evaluationId }, db);
  await renameOwnedEvaluation({ ownerId, evaluationId, name: name.trim() || null }, db);
  return { id: evaluationId, name: name.trim() || null };
}

/**
 * Deletes an owned evaluation with its results; returns the model id so the
 * UI can go back to the model page. A queued or running evaluation must be
 * cancelled first (conflict). not_found for other owners.
 */
export async function deleteEvaluation({ ownerId, evaluationId }: { ownerId: string; evaluationId: string }, db: Db = getPrisma()) {
  const e = await findOwnedEvaluation({ ownerId, evaluationId }, db);
  if (e.status === "queued" || e.status === "running") throw new AppError("conflict", "Cancel the running evaluation before deleting it.");
  const version = await findOwnedModelVersion({ ownerId, modelVersionId: e.modelVersionId }, db);
  if (!(await deleteOwnedEvaluation({ ownerId, evaluationId }, db))) throw new AppError("conflict", "The evaluation changed state: reload and try again.");
  return { id: evaluationId, modelId: version.modelId };
}
