/** Warm-up of the load script: results to browse, made through the evaluation layer when there are none yet. */
import type { Db } from "@/lib/server/db/client";
import { createEvaluation } from "@/lib/server/evaluation/create";
import { startEvaluation } from "@/lib/server/evaluation/start";
import { waitFor } from "@/lib/tools/fault/processes";

const TERMINAL = ["succeeded", "failed", "cancelled"];

/**
 * When the user has no finished evaluation, queues one per (model version,
 * dataset of the same app) pair and waits (at most `timeoutMs`) until the
 * server's worker has ended them all. Pairs the evaluation layer refuses are
 * skipped.
 */
export async function ensureFinishedEvaluations(db: Db, ownerId: string, timeoutMs = 300_000): Promise<void> {
  if ((await db.evaluation.count({ where: { ownerId, status: "succeeded" } })) > 0) return;
  const apps = await db.app.findMany({ where: { ownerId }, select: { datasets: { select: { id: true } }, models: { select: { versions: { select: { id: true } } } } } });
  const ids: string[] = [];
  for (const app of apps) {
    for (const version of app.models.flatMap((m) => m.versions)) {
      for (const dataset of app.datasets) {
        try {
          const { id } = await createEvaluation({ ownerId, input: { modelVersionId: version.id, datasetId: dataset.id } }, db);
          await startEvaluation({ ownerId, evaluationId: id }, db);
          ids.push(id);
        } catch {
          // not a runnable pair (e.g. other classes): skip
        }
      }
    }
  }
  console.log(`warm-up: ${ids.length} evaluations queued; waiting for the server's worker`);
  await waitFor(
    "the warm-up evaluations",
    async () => ((await db.evaluation.count({ where: { id: { in: ids }, status: { notIn: TERMINAL } } })) === 0 ? true : undefined),
    { timeoutMs, everyMs: 500 },
  );
}
