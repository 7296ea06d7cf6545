/**
 * A large import next to running evaluations:
 *
 *   npx tsx --conditions=react-server lib/tools/fault/import-beside-eval.ts [--pairs 20000] [--images 200]
 *
 * Imports `pairs` tiny generated pairs in this process while a worker process
 * runs evaluations back to back (a new one as soon as one ends, for as long as
 * the import runs). Every write transaction of the import (staging batches
 * and the final flip) is timed; the script prints the longest, the flip, and
 * how each evaluation ended. Exit code 1 when an evaluation did not succeed.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import type { Db } from "@/lib/server/db/client";
import { importDataset } from "@/lib/server/datasets/import-dataset-version";
import { adminCreateModelVersion } from "@/lib/tools/admin/create-model-version";
import { exited, startTsx, waitFor } from "./processes";
import { queueEvaluation } from "./scenarios";
import { createWorld, writeGeneratedDataset } from "./world";

/** Transaction timings of one Db: every `$transaction` call, in ms, in order. */
export function timeTransactions(db: Db): { db: Db; timings: number[] } {
  const timings: number[] = [];
  const proxy = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop !== "$transaction" || typeof value !== "function") return typeof value === "function" ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } finally {
          timings.push(performance.now() - started);
        }
      };
    },
  });
  return { db: proxy, timings };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pairs: { type: "string", default: "20000" }, images: { type: "string", default: "200" } } });
  const pairs = Number(values.pairs);
  const images = Number(values.images);
  const world = await createWorld({ email: "import-beside@example.com" });
  const worker = startTsx("lib/server/evaluation/worker-main.ts", [], world.env);
  try {
    const evalDir = path.join(world.dataDir, "src-eval");
    const predDir = path.join(world.dataDir, "src-pred");
    const importDir = path.join(world.dataDir, "src-import");
    let t = Date.now();
    writeGeneratedDataset({ dir: evalDir, count: images, size: 64, predictionsDir: predDir });
    writeGeneratedDataset({ dir: importDir, count: pairs, size: 4 });
    console.log(`data folder ${world.dataDir}: generated ${images} evaluation pairs and ${pairs} import pairs in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const evalSet = await importDataset({ ownerId: world.user.id, target: { appId: world.appId, datasetName: "eval" }, source: { dir: evalDir } }, { db: world.db, store: world.store });
    const model = await adminCreateModelVersion(
      { email: world.user.email, appName: "Fault app", modelName: "m", predictionsDir: predDir, likeDataset: "eval" },
      { db: world.db, store: world.store },
    );
    const pair = { modelVersionId: model.versionId, datasetId: evalSet.datasetId };

    const timed = timeTransactions(world.db);
    let importDone = false;
    t = Date.now();
    const importing = importDataset({ ownerId: world.user.id, target: { appId: world.appId, datasetName: "big" }, source: { dir: importDir } }, { db: timed.db, store: world.store }).finally(() => {
      importDone = true;
    });
    const outcomes: string[] = [];
    while (!importDone) {
      const id = await queueEvaluation(world, pair);
      const status = await waitFor(
        "an evaluation to end",
        async () => {
          const e = await world.db.evaluation.findUniqueOrThrow({ where: { id }, select: { status: true, error: true, progressDone: true } });
          return ["succeeded", "failed", "cancelled"].includes(e.status) ? `${e.status} (${e.progressDone}/${images})${e.error ? `: ${e.error}` : ""}` : undefined;
        },
        { timeoutMs: 600_000, everyMs: 50 },
      );
      outcomes.push(status);
    }
    const version = await importing;
    const importSeconds = (Date.now() - t) / 1000;
    const batches = timed.timings.slice(0, -1);
    const flip = timed.timings.at(-1) ?? NaN;
    const sorted = [...batches].sort((a, b) => a - b);
    console.log(`import: ${version.sampleCount} samples in ${importSeconds.toFixed(1)} s, ${timed.timings.length} write transactions`);
    console.log(`  staging batches: median ${sorted[sorted.length >> 1]?.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms; final flip ${flip.toFixed(1)} ms`);
    console.log(`  longest single write transaction: ${Math.max(...timed.timings).toFixed(1)} ms`);
    console.log(`evaluations during the import: ${outcomes.length}`);
    for (const [i, o] of outcomes.entries()) console.log(`  ${i + 1}. ${o}`);
    const bad = outcomes.filter((o) => !o.startsWith("succeeded"));
    console.log(bad.length ? `FAILED: ${bad.length} evaluation(s) did not succeed` : "passed: every evaluation succeeded");
    process.exitCode = bad.length ? 1 : 0;
  } finally {
    worker.kill("SIGTERM");
    await exited(worker);
    await world.db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
