/**
 * `npx tsx --conditions=react-server lib/tools/demo/check-demo.ts`: seeds the demo workspace into a
 * fresh temp DATA_DIR (or uses DATA_DIR when --keep-data is given and it is
 * already seeded), then for EVERY version row of every demo model and EVERY
 * dataset of the picker: an enabled pair must create, run and succeed; a
 * disabled pair must be refused at creation with nothing created. Prints one
 * line per pair and exits 1 on any mismatch.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

async function main() {
  const keep = process.argv.includes("--keep-data");
  if (!keep) process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "intersect-demo-check-"));
  delete process.env.DATABASE_URL;
  const { getEnv } = await import("@/lib/server/env");
  const { applyMigrations } = await import("../../../prisma/migrate");
  const { getPrisma } = await import("@/lib/server/db/client");
  const { seedDemoWorkspace, DEMO_USER } = await import("./seed");
  const { datasetChoice } = await import("@/lib/core/model-classes");
  const { listDatasetsForPicker } = await import("@/lib/server/db/datasets");
  const { listVersionRows } = await import("@/lib/server/models/version-rows");
  const { createEvaluation } = await import("@/lib/server/evaluation/create");
  const { startEvaluation } = await import("@/lib/server/evaluation/start");
  const { claimNextEvaluation } = await import("@/lib/server/db/evaluation-transitions");
  const { runEvaluation } = await import("@/lib/server/evaluation/run");
  const { productionRunDeps } = await import("@/lib/server/evaluation/worker");
  const env = getEnv();
  await applyMigrations({ databaseUrl: env.DATABASE_URL });
  const db = getPrisma();
  const t0 = Date.now();
  await seedDemoWorkspace({ db, log: (l) => console.log(l) });
  console.log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const user = await db.user.findUniqueOrThrow({ where: { email: DEMO_USER.email }, select: { id: true } });
  const models = await db.model.findMany({ where: { app: { ownerId: user.id } }, select: { id: true, name: true, appId: true }, orderBy: { name: "asc" } });
  const deps = productionRunDeps(db, "demo-check");
  let bad = 0;
  let ran = 0;
  let refused = 0;
  for (const m of models) {
    const { versions } = await listVersionRows({ ownerId: user.id, modelId: m.id }, db);
    const groups = await listDatasetsForPicker({ ownerId: user.id, currentAppId: m.appId }, db);
    for (const v of versions) {
      for (const d of groups.flatMap((g) => g.datasets)) {
        const choice = datasetChoice(v.picker, d.latest);
        const pair = `${m.name} v${v.number} (${v.runnerKind}) × ${d.name} v${d.latest?.number}`;
        if (!choice.enabled) {
          const outcome = await createEvaluation({ ownerId: user.id, input: { modelVersionId: v.id, datasetId: d.id, allowDuplicate: true } }, db).then(
            () => "created (WRONG: the dropdown disables it)",
            (e: Error) => `refused: ${e.message.split("\n")[0]}`,
          );
          if (!outcome.startsWith("refused")) bad++;
          else refused++;
          console.log(`disabled ${pair} [${choice.reason}] -> ${outcome}`);
          continue;
        }
        const started = Date.now();
        try {
          const { id } = await createEvaluation({ ownerId: user.id, input: { modelVersionId: v.id, datasetId: d.id, allowDuplicate: true } }, db);
          await startEvaluation({ ownerId: user.id, evaluationId: id }, db);
          if ((await claimNextEvaluation(db, "demo-check")) !== id) throw new Error("could not claim the evaluation");
          const outcome = await runEvaluation(id, deps);
          const row = await db.evaluation.findUniqueOrThrow({ where: { id }, select: { summary: true, error: true, progressDone: true, progressTotal: true } });
          const miou = (row.summary as { miou?: number } | null)?.miou;
          if (outcome !== "succeeded") throw new Error(`${outcome}: ${row.error}`);
          ran++;
          console.log(`enabled  ${pair} [${choice.detail}] -> succeeded, ${row.progressDone}/${row.progressTotal} images, mIoU ${miou?.toFixed(3)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        } catch (error) {
          bad++;
          console.log(`enabled  ${pair} -> FAILED: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }
  console.log(`\n${ran} enabled pairs succeeded, ${refused} disabled pairs refused, ${bad} mismatches.`);
  await db.$disconnect();
  if (!keep) rmSync(env.DATA_DIR, { recursive: true, force: true });
  process.exit(bad ? 1 : 0);
}

void main();
