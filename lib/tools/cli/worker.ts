/**
 * Worker thread of the CLI pool: evaluates the pairs it is sent, one at a
 * time, with runPairJob (the same code the in-process path runs) and posts
 * back only the small per-image result. Started by lib/tools/cli/pool.ts with the
 * PairSettings as workerData.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { PairSettings } from "./evaluate-pair";
import { createPairJobContext, runPairJob } from "./pair-job";
import type { MaskPair } from "./pairs";
import type { JobMessage } from "./job-messages";

const context = createPairJobContext(workerData as PairSettings);
const port = parentPort!;

port.on("message", (job: JobMessage<MaskPair>) => {
  const { reply, transfer } = runPairJob(context, job);
  port.postMessage(reply, transfer);
});
