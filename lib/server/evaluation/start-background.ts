import "server-only";
import { getPrisma, type Db } from "@/lib/server/db/client";
import { sweepDebris } from "@/lib/server/storage/sweep";
import { startWorker, type WorkerHandle } from "./worker";

/**
 * What a server or worker process does at start: the evaluation worker
 * (which at once resumes runs held by dead processes), then a sweep of
 * debris from interrupted imports. A failed sweep is logged, never fatal.
 */
export function startBackgroundWork({ db = getPrisma() }: { db?: Db } = {}): WorkerHandle {
  const worker = startWorker({ db });
  void sweepDebris({ db })
    .then((r) => {
      if (r.imports || r.blobs || r.tempFiles) {
        console.log(`[sweep] removed ${r.imports} abandoned import(s), ${r.blobs} unreferenced blob(s) (${r.bytes} bytes), ${r.tempFiles} temp file(s)`);
      }
    })
    .catch((error) => console.error("[sweep]", error));
  return worker;
}
