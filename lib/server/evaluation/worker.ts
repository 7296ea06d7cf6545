import "server-only";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { claimNextEvaluation, releaseRunsOfDeadHolders } from "@/lib/server/db/evaluation-transitions";
import { newHolderId } from "@/lib/server/db/holder";
import { findPredictionMask } from "@/lib/server/db/model-versions";
import { createRunner } from "@/lib/server/models/runner";
import { putBlobSync, readBlobSync } from "@/lib/server/storage/blob-store";
import { runEvaluation, type RunDeps } from "./run";
import { createEvaluationStore } from "./store";
import { onWake } from "./wake";

export interface WorkerHandle {
  stop(): Promise<void>;
}

/**
 * Production dependencies of the engine: the database, the blob store and
 * the runner registry. Images, masks and predictions are read and written
 * with blocking calls: small files one after another, where each async call's
 * hop through the thread pool cost more CPU than the read or write itself.
 */
export function productionRunDeps(db: Db, workerId: string): RunDeps {
  return {
    store: createEvaluationStore(db),
    workerId,
    readBlob: async (sha) => readBlobSync(sha),
    storeBlob: async (bytes) => putBlobSync(bytes).sha256,
    createRunner: (modelVersion) =>
      createRunner(modelVersion, {
        readBlob: async (sha) => readBlobSync(sha),
        findPredictionMask: (args) => findPredictionMask(args, db),
      }),
  };
}

/**
 * Starts a worker loop in this process: it claims queued (or abandoned)
 * evaluations one at a time and runs them; it sleeps `pollMs` between empty
 * polls and wakes at once when an evaluation is queued in-process. Its id
 * names this process (db/holder.ts), so that before each claim the runs of
 * dead processes on this host are released and resumed at once (no lease wait).
 */
export function startWorker({ db = getPrisma(), pollMs = 1000 }: { db?: Db; pollMs?: number } = {}): WorkerHandle {
  const workerId = newHolderId();
  let stopped = false;
  let wake: (() => void) | null = null;
  const unsubscribe = onWake(() => wake?.());
  const deps = productionRunDeps(db, workerId);

  const loop = (async () => {
    while (!stopped) {
      let claimed: string | null = null;
      try {
        await releaseRunsOfDeadHolders(db);
        claimed = await claimNextEvaluation(db, workerId);
        if (claimed) await runEvaluation(claimed, deps);
      } catch (error) {
        console.error("[worker]", error);
      }
      if (!claimed && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      wake?.();
      unsubscribe();
      await loop;
    },
  };
}
