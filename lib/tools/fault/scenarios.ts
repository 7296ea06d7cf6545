/**
 * The two fault scenarios: kill -9 the evaluation worker at a random image
 * and restart it; kill -9 an admin import at a random moment and restart.
 * Each returns what it saw, and the problems found (empty = passed).
 */
import { startEvaluation } from "@/lib/server/evaluation/start";
import { createEvaluation } from "@/lib/server/evaluation/create";
import { sweepDebris } from "@/lib/server/storage/sweep";
import { findDebris } from "./checks";
import { exited, killHard, startTsx, waitFor } from "./processes";
import type { World } from "./world";

const WORKER = "lib/server/evaluation/worker-main.ts";
const ADMIN = "lib/tools/admin/main.ts";

/** The numbers of a finished evaluation that must not depend on interruptions (timings left out). */
export async function evaluationNumbers(world: World, evaluationId: string) {
  const e = await world.db.evaluation.findUniqueOrThrow({
    where: { id: evaluationId },
    select: { status: true, progressDone: true, progressTotal: true, attempts: true, summary: true, classResults: { orderBy: { classIndex: "asc" } }, _count: { select: { sampleResults: true } } },
  });
  const classes = e.classResults.map(({ evaluationId: _id, ...rest }) => rest);
  const summary = JSON.stringify(e.summary, (key, value) => (/ms$|duration|time|At$/i.test(key) ? undefined : value));
  return { status: e.status, done: e.progressDone, total: e.progressTotal, results: e._count.sampleResults, attempts: e.attempts, fingerprint: JSON.stringify({ classes, summary }) };
}

/** Queues a new evaluation of the pair and runs it in a worker process to the end (no kill). */
export async function queueEvaluation(world: World, pair: { modelVersionId: string; datasetId: string }): Promise<string> {
  const { id } = await createEvaluation({ ownerId: world.user.id, input: { ...pair, allowDuplicate: true } }, world.db);
  await startEvaluation({ ownerId: world.user.id, evaluationId: id }, world.db);
  return id;
}

/** Runs worker processes until the evaluation is terminal; the first one is killed once `killAtDone` images are done (when given). */
export async function runWorkerUntilDone(world: World, evaluationId: string, killAtDone?: number): Promise<{ killedAt: number | null }> {
  let killedAt: number | null = null;
  if (killAtDone !== undefined) {
    const first = startTsx(WORKER, [], world.env);
    const reached = await waitFor("the kill point", async () => {
      const e = await world.db.evaluation.findUniqueOrThrow({ where: { id: evaluationId }, select: { progressDone: true, status: true } });
      return e.progressDone >= killAtDone || e.status === "succeeded" || e.status === "failed" ? e.progressDone : undefined;
    });
    await killHard(first);
    killedAt = reached;
  }
  const worker = startTsx(WORKER, [], world.env);
  try {
    await waitFor(
      "the evaluation to finish",
      async () => {
        const e = await world.db.evaluation.findUniqueOrThrow({ where: { id: evaluationId }, select: { status: true } });
        return ["succeeded", "failed", "cancelled"].includes(e.status) ? e.status : undefined;
      },
      { timeoutMs: 120_000, everyMs: 50 },
    );
  } finally {
    worker.kill("SIGTERM");
    await exited(worker);
  }
  return { killedAt };
}

/** One evaluation kill: numbers identical to `reference`, every image once, no debris after the restart. */
export async function evaluationKillScenario(world: World, pair: { modelVersionId: string; datasetId: string }, reference: { fingerprint: string; total: number }, random: () => number) {
  const evaluationId = await queueEvaluation(world, pair);
  const killAtDone = 1 + Math.floor(random() * Math.max(1, reference.total - 2));
  const started = Date.now();
  const { killedAt } = await runWorkerUntilDone(world, evaluationId, killAtDone);
  const seconds = (Date.now() - started) / 1000;
  const n = await evaluationNumbers(world, evaluationId);
  const problems: string[] = [];
  if (n.status !== "succeeded") problems.push(`status ${n.status}`);
  if (n.fingerprint !== reference.fingerprint) problems.push("numbers differ from the uninterrupted run");
  if (n.done !== n.total || n.results !== n.total) problems.push(`progress ${n.done}/${n.total}, ${n.results} results`);
  problems.push(...(await findDebris(world)));
  return { killedAt, attempts: n.attempts, seconds, problems };
}

/** One import kill at a random moment in `[0, maxDelayMs)`, then a restart's sweep: nothing half-imported, no debris; then a full import. */
export async function importKillScenario(world: World, args: { dir: string; datasetName: string; count: number; maxDelayMs: number }, random: () => number) {
  const flags = ["import-dataset", "--email", world.user.email, "--app", "Fault app", "--dataset", args.datasetName, "--dir", args.dir];
  const child = startTsx(ADMIN, flags, world.env);
  const delay = Math.floor(random() * args.maxDelayMs);
  await new Promise((resolve) => setTimeout(resolve, delay));
  const finishedFirst = child.exitCode !== null;
  await killHard(child);
  const sweep = await sweepDebris({ db: world.db, store: world.store });
  const problems = await findDebris(world);
  const dataset = await world.db.dataset.findFirst({ where: { name: args.datasetName }, select: { versions: { select: { sampleCount: true } } } });
  const state = dataset ? `complete (${dataset.versions.length} version(s))` : "absent";
  if (dataset && dataset.versions.some((v) => v.sampleCount !== args.count)) problems.push("a version with the wrong sample count");
  const again = startTsx(ADMIN, flags, world.env);
  const code = await exited(again);
  if (code !== "0") problems.push(`re-import failed (${code}): ${again.output().slice(-300)}`);
  problems.push(...(await findDebris(world)));
  return { delay, finishedFirst, sweptImports: sweep.imports, sweptBlobs: sweep.blobs, stateAfterKill: state, problems };
}
