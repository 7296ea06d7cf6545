/** The fault run shared by the CLI (main.ts) and the unit test: world, reference run, then kill iterations. */
import path from "node:path";
import { mulberry32 } from "@/lib/core/metrics/prng";
import { importDataset } from "@/lib/server/datasets/import-dataset-version";
import { adminCreateModelVersion } from "@/lib/tools/admin/create-model-version";
import { evaluationKillScenario, evaluationNumbers, importKillScenario, queueEvaluation, runWorkerUntilDone } from "./scenarios";
import { createWorld, writeGeneratedDataset } from "./world";

export interface FaultOptions {
  iterations: number;
  /** Images of the evaluated dataset. */
  evalImages: number;
  /** Side of each evaluated image, pixels. */
  evalSize: number;
  /** Pairs of the killed import. */
  importPairs: number;
  seed: number;
  /** Kills of the import land in [0, this) ms; measured by one import first when omitted. */
  importKillWindowMs?: number;
  log?: (line: string) => void;
}

/** Runs everything; returns the problems of every iteration (empty = passed). */
export async function runFaults(opts: FaultOptions): Promise<{ problems: string[] }> {
  const log = opts.log ?? (() => {});
  // Seeded, so a failing run can be repeated with --seed. mulberry32 gives uint32s: scaled to [0, 1) here.
  const next = mulberry32(opts.seed);
  const random = () => next() / 2 ** 32;
  const world = await createWorld();
  const problems: string[] = [];
  try {
    const evalDir = path.join(world.dataDir, "src-eval");
    const predDir = path.join(world.dataDir, "src-pred");
    const importDir = path.join(world.dataDir, "src-import");
    writeGeneratedDataset({ dir: evalDir, count: opts.evalImages, size: opts.evalSize, predictionsDir: predDir });
    writeGeneratedDataset({ dir: importDir, count: opts.importPairs, size: 8 });
    const imported = await importDataset({ ownerId: world.user.id, target: { appId: world.appId, datasetName: "eval" }, source: { dir: evalDir } }, { db: world.db, store: world.store });
    const model = await adminCreateModelVersion(
      { email: world.user.email, appName: "Fault app", modelName: "m", predictionsDir: predDir, likeDataset: "eval" },
      { db: world.db, store: world.store },
    );
    const pair = { modelVersionId: model.versionId, datasetId: imported.datasetId };
    const refId = await queueEvaluation(world, pair);
    let t = Date.now();
    await runWorkerUntilDone(world, refId);
    const reference = await evaluationNumbers(world, refId);
    log(`reference run: ${reference.status}, ${reference.done}/${reference.total} images in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    let importMs = opts.importKillWindowMs ?? 0;
    if (!importMs) {
      t = Date.now();
      const probe = await importKillScenario(world, { dir: importDir, datasetName: "probe", count: opts.importPairs, maxDelayMs: 1 }, random);
      importMs = Date.now() - t;
      problems.push(...probe.problems.map((p) => `import probe: ${p}`));
    }
    for (let i = 1; i <= opts.iterations; i++) {
      const e = await evaluationKillScenario(world, pair, reference, random);
      const finished = e.killedAt !== null && e.killedAt >= reference.total ? " (it had finished: nothing was interrupted)" : "";
      log(`iteration ${i}: evaluation worker killed at ${e.killedAt}/${reference.total}${finished}, resumed (attempts ${e.attempts}) in ${e.seconds.toFixed(1)} s: ${e.problems.length ? e.problems.join("; ") : "numbers identical, every image once, no debris"}`);
      problems.push(...e.problems.map((p) => `iteration ${i} evaluation: ${p}`));
      const imp = await importKillScenario(world, { dir: importDir, datasetName: `import-${i}`, count: opts.importPairs, maxDelayMs: importMs }, random);
      log(`iteration ${i}: import killed after ${imp.delay} ms${imp.finishedFirst ? " (it had finished)" : ""}: dataset ${imp.stateAfterKill}, swept ${imp.sweptImports} staging import(s) and ${imp.sweptBlobs} blob(s): ${imp.problems.length ? imp.problems.join("; ") : "no debris, re-import whole"}`);
      problems.push(...imp.problems.map((p) => `iteration ${i} import: ${p}`));
    }
  } finally {
    await world.db.$disconnect();
  }
  return { problems };
}
