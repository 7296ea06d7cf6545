/**
 * Load script: signed-in clients browse results pages, the model versions
 * table and the progress API of a running `next start` server while an
 * evaluation runs and an admin import of a generated dataset runs.
 *
 *   DATA_DIR=/tmp/load-data npx tsx --conditions=react-server lib/tools/load/main.ts \
 *     [--url http://127.0.0.1:3200] [--clients 20] [--seconds 30] [--pairs 2000] [--email demo@intersect.local] [--think-ms 0]
 *
 * package.json: "load": "tsx --conditions=react-server lib/tools/load/main.ts"
 *
 * Builds and starts nothing: start the server first on the same DATA_DIR
 * (`npm run -s build`, then `PORT=3200 DATA_DIR=/tmp/load-data npx tsx
 * --conditions=react-server lib/tools/demo/serve.ts --no-build`, which seeds
 * the demo workspace; when it has no finished evaluation yet, the script
 * queues one per runnable pair first and waits for them). Sessions are created directly in the database (and
 * deleted at the end); the evaluation is queued through the evaluation
 * layer (the server's worker picks it up); the import is the admin CLI in a
 * child process. Bounded: only http://127.0.0.1, at most 50 clients and 600
 * s. Each client sends its next request as soon as the last one is answered
 * (closed loop), or after a pause of about --think-ms (0.5x to 1.5x).
 * Prints p50 / p95 / max latency and errors per route; exit code 1 on any
 * error.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createSession, deleteSession } from "@/lib/server/auth/sessions";
import { getPrisma } from "@/lib/server/db/client";
import { createEvaluation } from "@/lib/server/evaluation/create";
import { startEvaluation } from "@/lib/server/evaluation/start";
import { exited, startTsx } from "@/lib/tools/fault/processes";
import { writeGeneratedDataset } from "@/lib/tools/fault/world";
import { ensureFinishedEvaluations } from "./prepare";
import { checkTarget, summarise } from "./stats";

const LIMITS = { clients: 50, seconds: 600, pairs: 20_000 };

function intFlag(raw: string, name: string, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`--${name} must be a whole number from 0 to ${max}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: "http://127.0.0.1:3200" },
      clients: { type: "string", default: "20" },
      seconds: { type: "string", default: "30" },
      pairs: { type: "string", default: "2000" },
      email: { type: "string", default: "demo@intersect.local" },
      "think-ms": { type: "string", default: "0" },
    },
  });
  const refused = checkTarget(values.url);
  if (refused) throw new Error(refused);
  const base = values.url.replace(/\/$/, "");
  const clients = Math.max(1, intFlag(values.clients, "clients", LIMITS.clients));
  const seconds = Math.max(1, intFlag(values.seconds, "seconds", LIMITS.seconds));
  const pairs = intFlag(values.pairs, "pairs", LIMITS.pairs);
  const thinkMs = intFlag(values["think-ms"], "think-ms", 60_000);
  const db = getPrisma();
  const user = await db.user.findUniqueOrThrow({ where: { email: values.email }, select: { id: true, email: true } });
  await ensureFinishedEvaluations(db, user.id);
  const apps = await db.app.findMany({ where: { ownerId: user.id }, select: { id: true, name: true, models: { select: { id: true } } } });
  const models = apps.flatMap((a) => a.models.map((m) => m.id));
  const done = await db.evaluation.findMany({ where: { ownerId: user.id, status: "succeeded" }, select: { id: true, modelVersionId: true, datasetVersion: { select: { datasetId: true, sampleCount: true } } } });
  if (done.length === 0 || models.length === 0) throw new Error(`${values.email} needs models and a finished evaluation (seed the demo workspace).`);

  // The evaluation that runs during the load: the largest finished pair again.
  const biggest = [...done].sort((a, b) => b.datasetVersion.sampleCount - a.datasetVersion.sampleCount)[0];
  const { id: runningId } = await createEvaluation({ ownerId: user.id, input: { modelVersionId: biggest.modelVersionId, datasetId: biggest.datasetVersion.datasetId, allowDuplicate: true } }, db);
  await startEvaluation({ ownerId: user.id, evaluationId: runningId }, db);

  // The import that runs during the load.
  const srcDir = mkdtempSync(path.join(os.tmpdir(), "intersect-load-"));
  let importer: ReturnType<typeof startTsx> | null = null;
  const importStarted = Date.now();
  if (pairs > 0) {
    writeGeneratedDataset({ dir: srcDir, count: pairs, size: 16 });
    const flags = ["import-dataset", "--email", user.email, "--app", apps[0].name, "--dataset", `load-${Date.now()}`, "--dir", srcDir];
    importer = startTsx("lib/tools/admin/main.ts", flags, process.env);
  }
  const importExit = importer ? exited(importer).then((code) => ({ code, seconds: (Date.now() - importStarted) / 1000 })) : null;

  const routes: { route: string; path: string }[] = [
    ...done.map((e) => ({ route: "GET /evaluations/[id]", path: `/evaluations/${e.id}` })),
    ...models.map((id) => ({ route: "GET /models/[id] (versions table)", path: `/models/${id}` })),
    ...[...done.map((e) => e.id), runningId].map((id) => ({ route: "GET /api/v1/evaluations/[id] (progress)", path: `/api/v1/evaluations/${id}` })),
    { route: "GET /evaluations/[id] (running)", path: `/evaluations/${runningId}` },
  ];
  const sessions = await Promise.all(Array.from({ length: clients }, () => createSession(user.id, { db })));
  const samples: { route: string; ms: number; ok: boolean; status: string }[] = [];
  const until = Date.now() + seconds * 1000;
  console.log(`${clients} clients for ${seconds} s on ${base}: ${routes.length} URLs; evaluation ${runningId} queued; import of ${pairs} pairs ${importer ? "started" : "skipped"}`);
  await Promise.all(
    sessions.map(async ({ token }, c) => {
      for (let i = c; Date.now() < until; i++) {
        const target = routes[(i * 7 + c) % routes.length];
        const started = performance.now();
        let status = "network error";
        try {
          const res = await fetch(base + target.path, { headers: { cookie: `intersect_session=${token}` }, redirect: "manual" });
          await res.arrayBuffer();
          status = String(res.status);
        } catch (error) {
          status = error instanceof Error ? error.message : String(error);
        }
        samples.push({ route: target.route, ms: performance.now() - started, ok: status === "200", status });
        if (thinkMs) await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random())));
      }
    }),
  );
  const imp = importExit ? await importExit : null;
  const running = await db.evaluation.findUniqueOrThrow({ where: { id: runningId }, select: { status: true, progressDone: true, progressTotal: true, error: true } });
  await Promise.all(sessions.map(({ token }) => deleteSession(token, { db })));
  rmSync(srcDir, { recursive: true, force: true });

  const stats = summarise(samples);
  const total = samples.length;
  const errors = samples.filter((s) => !s.ok);
  console.log(`\n${"route".padEnd(42)} ${"count".padStart(6)} ${"errors".padStart(6)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`);
  for (const s of [...stats, ...summarise(samples.map((x) => ({ ...x, route: "all" })))]) {
    console.log(`${s.route.padEnd(42)} ${String(s.count).padStart(6)} ${String(s.errors).padStart(6)} ${s.p50.toFixed(0).padStart(8)} ${s.p95.toFixed(0).padStart(8)} ${s.max.toFixed(0).padStart(8)}`);
  }
  console.log(`\n${total} requests (${(total / seconds).toFixed(1)}/s), ${errors.length} errors${errors.length ? `: ${[...new Set(errors.map((e) => e.status))].join(", ")}` : ""}`);
  console.log(`evaluation ${runningId}: ${running.status} ${running.progressDone}/${running.progressTotal}${running.error ? ` (${running.error})` : ""}`);
  if (imp) console.log(`import: exit ${imp.code} after ${imp.seconds.toFixed(1)} s${imp.code !== "0" ? `: ${importer!.output().slice(-400)}` : ""}`);
  await db.$disconnect();
  process.exitCode = errors.length || (imp && imp.code !== "0") || running.status === "failed" ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
