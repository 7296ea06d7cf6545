/**
 * `npx tsx --conditions=react-server lib/tools/bench/results-bench.ts [--build] [--runs 10] [--port 3400]`:
 * the Speed figures of issue 12. Makes a finished evaluation with 150
 * classes and 5,000 images in a fresh DATA_DIR (random sparse per-image
 * confusion matrices written through the db layer, summary and per-class
 * rows from the real finalize path), serves the production build on it
 * (`next start` through lib/tools/demo/serve.ts --no-build --no-seed) and
 * prints the median of `--runs` timed requests (after 2 warm-ups) of the
 * results page, the confusion-matrix view and one per-image page.
 * Targets: < 300 ms, < 300 ms, < 100 ms. It serves the existing `.next`
 * build (`--build` makes one first); when others serve that build, run it
 * from a copy of the tree (node_modules hard-linked) to build there.
 * Figures (2-core AMD EPYC, load ~3-5, Node 20): 102 ms, 25 ms, 18 ms
 * (the results page was 414 ms / 4.8 MiB before its 150-class heatmap
 * moved out of the first response).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values: flags } = parseArgs({
  options: { build: { type: "boolean", default: false }, runs: { type: "string", default: "10" }, port: { type: "string", default: "3400" }, keep: { type: "boolean", default: false } },
});
const CLASSES = 150;
const IMAGES = 5000;
const TAGS = ["night", "rain", "urban", "highway", "snow"];

/** mulberry32: a small seeded generator, so every run makes the same data. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "intersect-results-bench-"));
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const [{ getEnv }, { applyMigrations }, { getPrisma }, { createUser, createSession }, fixture, metrics, store, finalize] = await Promise.all([
    import("@/lib/server/env"),
    import("@/prisma/migrate"),
    import("@/lib/server/db/client"),
    import("@/lib/server/auth/sessions"),
    import("@/lib/server/db/results-bench-fixture"),
    import("@/lib/core/metrics"),
    import("@/lib/server/evaluation/store"),
    import("@/lib/server/evaluation/finalize"),
  ]);
  await applyMigrations({ databaseUrl: getEnv().DATABASE_URL });
  const db = getPrisma();
  const user = await createUser({ email: "bench@intersect.local", password: "intersect-bench", name: "Bench" }, { db });
  const random = rng(12);
  const classes = Array.from({ length: CLASSES }, (_, i) => ({ index: i, name: `class-${String(i).padStart(3, "0")}`, color: [(i * 37) % 256, (i * 91) % 256, (i * 53) % 256] as [number, number, number] }));
  const t0 = performance.now();
  const images = Array.from({ length: IMAGES }, (_, n) => {
    const cells = new Map<string, number>();
    const present = 4 + Math.floor(random() * 10);
    for (let c = 0; c < present; c++) {
      const g = Math.floor(random() * random() * CLASSES); // a long tail: low indices are common
      const pixels = 500 + Math.floor(random() * 20000);
      const hit = Math.floor(pixels * (0.4 + random() * 0.6));
      const add = (p: number, count: number) => count > 0 && cells.set(`${g},${p}`, (cells.get(`${g},${p}`) ?? 0) + count);
      add(g, hit);
      let rest = pixels - hit;
      for (let k = 0; k < 3 && rest > 0; k++) {
        const part = k === 2 ? rest : Math.floor(rest * random());
        add(random() < 0.05 ? CLASSES : Math.floor(random() * CLASSES), part);
        rest -= part;
      }
    }
    const confusion = [...cells].map(([key, count]) => [...key.split(",").map(Number), count] as [number, number, number]);
    const scores = metrics.computeScores(metrics.fromSparse(CLASSES, confusion));
    const finite = (v: number) => (Number.isFinite(v) ? v : null);
    return {
      name: `img_${String(n).padStart(5, "0")}`,
      tags: TAGS.filter(() => random() < 0.25),
      confusion,
      miou: finite(scores.miou),
      pixelAccuracy: finite(scores.pixelAccuracy),
      evaluatedPixels: scores.evaluatedPixels,
    };
  });
  const workerId = "results-bench";
  const { evaluationId } = await fixture.insertBenchEvaluation({ ownerId: user.id, classes, images, workerId }, db);
  const finished = await finalize.finalizeEvaluation(store.createEvaluationStore(db), {
    evaluationId,
    workerId,
    numClasses: CLASSES,
    datasetClasses: classes,
    settings: { ignoreIndex: 255, iouThreshold: 0.5 },
  });
  if (!finished) throw new Error("finalize refused the bench evaluation");
  console.log(`Made evaluation ${evaluationId}: ${CLASSES} classes x ${IMAGES} images in ${((performance.now() - t0) / 1000).toFixed(1)} s (${dataDir})`);
  const session = await createSession(user.id, { db, ttlDays: 1 });
  await db.$disconnect();

  if (flags.build) {
    const build = spawnSync("npm", ["run", "-s", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  const port = Number(flags.port);
  const server = spawn("npx", ["tsx", "--conditions=react-server", "lib/tools/demo/serve.ts", "--no-build", "--no-seed"], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  const headers = { cookie: `intersect_session=${session.token}` };
  try {
    for (let i = 0; ; i++) {
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      if (i > 600) throw new Error("the server did not start in 60 s");
      await new Promise((r) => setTimeout(r, 100));
    }
    const time = async (label: string, url: string, target: number) => {
      const ms: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 2 + Number(flags.runs); i++) {
        const start = performance.now();
        const res = await fetch(`${base}${url}`, { headers });
        const body = await res.text();
        if (!res.ok) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 200)}`);
        if (i >= 2) ms.push(performance.now() - start);
        bytes = body.length;
      }
      ms.sort((a, b) => a - b);
      const median = ms.length % 2 ? ms[(ms.length - 1) / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
      console.log(`${label.padEnd(34)} median ${median.toFixed(1).padStart(7)} ms  (min ${ms[0].toFixed(1)}, max ${ms.at(-1)!.toFixed(1)}; target < ${target} ms; ${(bytes / 1024).toFixed(0)} KiB) ${median < target ? "OK" : "MISSED"}`);
      return median < target;
    };
    console.log(`Machine: ${os.cpus()[0]?.model ?? "?"} x ${os.availableParallelism()}, load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}, Node ${process.version}`);
    const ok = [
      await time("results page (HTML)", `/evaluations/${evaluationId}`, 300),
      await time("confusion matrix view", `/api/v1/evaluations/${evaluationId}/confusion`, 300),
      await time("per-image page (page 3)", `/api/v1/evaluations/${evaluationId}/images?page=3`, 100),
    ];
    process.exitCode = ok.every(Boolean) ? 0 : 1;
  } finally {
    if (server.pid !== undefined) process.kill(-server.pid, "SIGTERM");
    if (!flags.keep) setTimeout(() => rmSync(dataDir, { recursive: true, force: true }), 1000);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
