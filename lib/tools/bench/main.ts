/**
 * `npm run bench`: speed of the metric kernel, the `intersect` CLI end to end,
 * a numpy + Pillow reference and plain zlib inflate, on CamVid val (with
 * generated predictions) and on a generated full-HD street-scene set, plus
 * peak memory on many small masks, ending with a table of the medians. The
 * CLI is timed like-for-like (`--no-boundary`, what the reference computes;
 * the targets are judged on it) and as is (with boundary IoU, not judged).
 * A script, not a test: it prints numbers and PASS/MISS against the targets
 * and always exits 0 unless it breaks. `npm run -s bench -- --only full-hd`
 * (or camvid, memory; comma-separated) runs only those parts, and `--runs N`
 * sets the CLI rounds per set (default 5 CamVid, 3 full HD).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadKernelWasm } from "@/lib/tools/cli/kernel-wasm";
import { benchSet, describePath, type SetResult } from "./bench-set";
import { ensurePredictions, ensureStreetSet, type BenchSet } from "./datasets";
import { formatRuns, median, spawnTimed } from "./measure";
import { formatMedians } from "./summary";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const cacheRoot = path.join(repoRoot, "data", "bench");
const camvidMasks = path.resolve(repoRoot, "../shared/datasets/camvid/val/masks");
const PYTHON = "/usr/bin/python3";
const cores = os.availableParallelism();
const log = (line = "") => process.stdout.write(line + "\n");

const PARTS = ["camvid", "full-hd", "memory"] as const;
type Part = (typeof PARTS)[number];

/** `--only a,b` (parts to run; all by default) and `--runs N` (CLI rounds per set). */
function parseArgs(argv: readonly string[]): { only: Set<Part>; runs: number | null } {
  const only = new Set<Part>(PARTS);
  let runs: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--only") {
      const names = (argv[++i] ?? "").split(",");
      const bad = names.filter((n) => !(PARTS as readonly string[]).includes(n));
      if (bad.length > 0) throw new Error(`--only takes ${PARTS.join(", ")} (comma-separated), not ${bad.join(", ")}`);
      only.clear();
      for (const n of names) only.add(n as Part);
    } else if (argv[i] === "--runs") {
      runs = Number(argv[++i]);
      if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a positive integer");
    } else {
      throw new Error(`unknown argument ${argv[i]} (use --only ${PARTS.join(",")} and/or --runs N)`);
    }
  }
  return { only, runs };
}

function pythonStatus(): string | null {
  const r = spawnSync(PYTHON, ["-c", "import numpy, PIL; print(numpy.__version__, PIL.__version__)"], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** Generates street scenes in `cores` child processes (tsx), each writing its own range. */
function parallelGenerate(root: string, width: number, height: number) {
  return async (from: number, to: number) => {
    const chunk = Math.ceil((to - from) / cores);
    const jobs = Array.from({ length: cores }, (_, c) => [from + c * chunk, Math.min(to, from + (c + 1) * chunk)]).filter(([a, b]) => b > a);
    await Promise.all(
      jobs.map(
        ([a, b]) =>
          new Promise<void>((resolve, reject) => {
            const child = spawn(path.join(repoRoot, "node_modules/.bin/tsx"), ["lib/tools/bench/generate.ts", root, String(width), String(height), String(a), String(b)], { cwd: repoRoot, stdio: "inherit" });
            child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`generator exited with ${code}`))));
          }),
      ),
    );
  };
}

function cliArgs(set: BenchSet, gtDir: string, predDir: string): string[] {
  return ["lib/tools/cli/intersect.mjs", "evaluate", "--gt", gtDir, "--pred", predDir, "--num-classes", String(set.numClasses), "--ignore-index", String(set.ignoreIndex), "--format", "json"];
}

/** Peak RSS of the CLI on 300 and on 3000 small masks: flat memory means about the same number. */
function memoryCheck(set: BenchSet): void {
  log(`\n== Memory: ${set.label} ==`);
  const subset = path.join(cacheRoot, "small-subset-300");
  rmSync(subset, { recursive: true, force: true });
  for (const side of ["gt", "pred"] as const) {
    mkdirSync(path.join(subset, side), { recursive: true });
    const dir = side === "gt" ? set.gtDir : set.predDir;
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".png")).sort().slice(0, 300)) symlinkSync(path.join(dir, f), path.join(subset, side, f));
  }
  spawnTimed(process.execPath, [...cliArgs(set, set.gtDir, set.predDir), "--no-boundary"], repoRoot);
  for (const [label, gt, pred, count] of [["300 pairs", path.join(subset, "gt"), path.join(subset, "pred"), 300], [`${set.count} pairs`, set.gtDir, set.predDir, set.count]] as const) {
    const runs = Array.from({ length: 3 }, () => spawnTimed(process.execPath, cliArgs(set, gt, pred), repoRoot));
    const rss = runs.map((r) => r.peakRssMiB ?? Number.NaN);
    const t = median(runs.map((r) => r.seconds));
    log(`CLI on ${label} (${describePath({ ...set, count }, true)}): runs ${formatRuns(runs.map((r) => r.seconds))} s (median ${t.toFixed(3)} s, ${(count / t).toFixed(0)} images/s); peak RSS ${formatRuns(rss, 0)} MiB`);
  }
}

async function main(): Promise<void> {
  const { only, runs } = parseArgs(process.argv.slice(2));
  const python = pythonStatus();
  // (a) counts with the kernels the CLI uses: WebAssembly when built (INTERSECT_WASM=0 for the TypeScript ones).
  const kernels = loadKernelWasm() ? "WebAssembly (lib/core/wasm)" : "TypeScript (no lib/core/wasm/build/kernel.wasm, or INTERSECT_WASM=0)";
  log(`Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${cores} cores (availableParallelism), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${python ? `numpy/Pillow ${python}` : "no numpy/Pillow"}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (other work on the machine skews every number)`);
  log(`Kernels: ${kernels}; the CLI runs the same.`);
  log("Targets: kernel >= 1 Gpx/s per core on 8-bit labels; CLI end to end >= 5x the numpy reference and <= 2x the one-core inflate time, both judged on the like-for-like run (--no-boundary).");
  const startup = Array.from({ length: 5 }, () => spawnTimed(process.execPath, ["lib/tools/cli/intersect.mjs", "--help"], repoRoot).seconds);
  const viaNpm = Array.from({ length: 3 }, () => spawnTimed("npm", ["run", "-s", "intersect", "--", "--help"], repoRoot).seconds);
  log(`CLI start-up (node lib/tools/cli/intersect.mjs --help, cached bundle): median ${median(startup).toFixed(3)} s; through \`npm run -s intersect\`: ${median(viaNpm).toFixed(3)} s (npm's own start-up is not counted below)`);

  const results: SetResult[] = [];
  if (!only.has("camvid")) {
    log("\nCamVid skipped (--only)");
  } else if (existsSync(camvidMasks)) {
    const predDir = path.join(cacheRoot, "camvid-val-pred");
    const count = ensurePredictions(camvidMasks, predDir, 11, 11);
    results.push(benchSet({ label: "CamVid val", gtDir: camvidMasks, predDir, count, width: 480, height: 360, numClasses: 11, ignoreIndex: 11 }, runs ?? 5, python !== null, repoRoot, log));
  } else {
    log(`\nCamVid skipped: ${camvidMasks} is absent`);
  }

  if (only.has("full-hd")) {
    const fullHdRoot = path.join(cacheRoot, "street-1920x1080");
    const fullHd = await ensureStreetSet(fullHdRoot, "Generated full-HD street scenes", { width: 1920, height: 1080, count: 320 }, parallelGenerate(fullHdRoot, 1920, 1080));
    results.push(benchSet(fullHd, runs ?? 3, python !== null, repoRoot, log));
  }

  if (only.has("memory")) {
    const smallRoot = path.join(cacheRoot, "street-320x240");
    const small = await ensureStreetSet(smallRoot, "Generated small street scenes (320x240)", { width: 320, height: 240, count: 3000 }, parallelGenerate(smallRoot, 320, 240));
    memoryCheck(small);
  }
  log(`\n${formatMedians(results)}`);
  log(`\nLoad average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
}

await main();
