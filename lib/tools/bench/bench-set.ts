import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chooseExecution, defaultThreads } from "@/lib/tools/cli/execution";
import type { BenchSet } from "./datasets";
import { loadIdatStreams, timeInflate } from "./inflate";
import { timeKernel } from "./kernel";
import { formatRuns, median, spawnTimed, verdict, type SpawnResult } from "./measure";

const PYTHON = "/usr/bin/python3";
const KERNEL_RUNS = 9;

/** The medians of one set, for the summary table. Times in seconds; null when that part was skipped. */
export interface SetResult {
  label: string;
  /** Ground-truth pixels (one per pair), in Mpx. */
  megapixels: number;
  kernelGpxPerCore: number;
  /** Like-for-like CLI run (`--no-boundary`): computes exactly what the numpy reference computes. */
  cliLean: number;
  /** Default CLI run: also boundary IoU, which the reference does not compute. */
  cliFull: number;
  /** Median CPU seconds (user + system, all threads) of (b), (b*) and (c), when GNU time is present: load-independent. */
  cpu: { lean: number | null; full: number | null; reference: number | null };
  /** How the CLI ran these jobs: "main thread" or "N worker threads". */
  cliPath: { lean: string; full: string };
  reference: number | null;
  referenceAgrees: boolean | null;
  inflateOneCore: number;
  inflatePerCore: number;
  /** A Node process that only reads the same files and inflates them on one thread (lib/tools/bench/inflate-only.mjs), start-up included. */
  inflateProcess: number;
  cores: number;
}

type Log = (line?: string) => void;

function cliArgs(set: BenchSet, extra: readonly string[] = []): string[] {
  return ["lib/tools/cli/intersect.mjs", "evaluate", "--gt", set.gtDir, "--pred", set.predDir, "--num-classes", String(set.numClasses), "--ignore-index", String(set.ignoreIndex), "--format", "json", ...extra];
}

/** "main thread" or "main thread + 1 worker thread": the path the CLI takes for this set, decided by the CLI's own rule. */
export function describePath(set: BenchSet, boundary: boolean): string {
  const mode = chooseExecution(set.count * set.width * set.height, { boundary });
  const workers = Math.min(defaultThreads(), set.count) - 1;
  return mode === "main-thread" || workers === 0 ? "main thread" : `main thread + ${workers} worker thread${workers === 1 ? "" : "s"}`;
}

function medianCpu(runs: readonly SpawnResult[]): number | null {
  const cpu = runs.map((r) => r.cpuSeconds).filter((v): v is number => v !== undefined);
  return cpu.length > 0 ? median(cpu) : null;
}

function describeRuns(runs: readonly SpawnResult[], megapixels: number): string {
  const t = median(runs.map((r) => r.seconds));
  const cpu = runs.map((r) => r.cpuSeconds).filter((v): v is number => v !== undefined);
  const rss = runs.map((r) => r.peakRssMiB).filter((v): v is number => v !== undefined);
  return `runs ${formatRuns(runs.map((r) => r.seconds))} s; median ${t.toFixed(3)} s = ${(megapixels / t).toFixed(0)} Mpx/s` +
    (cpu.length ? `; CPU ${median(cpu).toFixed(2)} s` : "") + (rss.length ? `; peak RSS ${Math.max(...rss).toFixed(0)} MiB` : "");
}

/**
 * Times one set: the kernel alone, then `runs` rounds of the CLI with
 * --no-boundary, the CLI as is and the numpy reference, interleaved so that
 * load changes on a shared machine hit all three alike, then bare inflate.
 * Prints each run and the verdicts; returns the medians.
 */
export function benchSet(set: BenchSet, runs: number, python: boolean, repoRoot: string, log: Log): SetResult {
  const cores = os.availableParallelism();
  const megapixels = (set.count * set.width * set.height) / 1e6;
  log(`\n== ${set.label}: ${set.count} pairs, ${set.width}x${set.height}, ${set.numClasses} classes, ignore ${set.ignoreIndex} (${megapixels.toFixed(1)} Mpx of ground truth, as many of predictions) ==`);

  // More kernel runs than CLI runs: each takes ~0.3 s, and this shared machine moves single figures by +-20 %.
  const kernel = timeKernel(set, Math.max(runs, KERNEL_RUNS));
  const kernelGpx = median(kernel.gpxPerCpuSecond);
  log(`(a) kernel accumulate alone, ${kernel.pairs} pre-decoded pairs: Gpx/s per CPU second ${formatRuns(kernel.gpxPerCpuSecond, 2)} (wall ${formatRuns(kernel.gpxPerWallSecond, 2)}); median ${kernelGpx.toFixed(2)} Gpx/s per core   [target >= 1 Gpx/s per core: ${verdict(kernelGpx >= 1)}]`);

  const refArgs = ["lib/tools/bench/reference_eval.py", "--gt", set.gtDir, "--pred", set.predDir, "--num-classes", String(set.numClasses), "--ignore-index", String(set.ignoreIndex)];
  spawnTimed(process.execPath, cliArgs(set, ["--no-boundary"]), repoRoot);
  const lean: SpawnResult[] = [];
  const full: SpawnResult[] = [];
  const ref: SpawnResult[] = [];
  const floor: SpawnResult[] = [];
  for (let r = 0; r < runs; r++) {
    lean.push(spawnTimed(process.execPath, cliArgs(set, ["--no-boundary"]), repoRoot));
    full.push(spawnTimed(process.execPath, cliArgs(set), repoRoot));
    if (python) ref.push(spawnTimed(PYTHON, refArgs, repoRoot));
    floor.push(spawnTimed(process.execPath, ["lib/tools/bench/inflate-only.mjs", set.gtDir, set.predDir], repoRoot));
  }
  const cliPath = { lean: describePath(set, false), full: describePath(set, true) };
  const cliLean = median(lean.map((r) => r.seconds));
  const cliFull = median(full.map((r) => r.seconds));
  log(`(b) CLI end to end, like-for-like (--no-boundary: the confusion matrix and its scores, exactly what (c) computes; ${cliPath.lean}): ${describeRuns(lean, megapixels)}`);
  log(`(b*) CLI end to end as is (adds boundary IoU, which (c) does not compute; ${cliPath.full}): ${describeRuns(full, megapixels)}`);

  let reference: number | null = null;
  let referenceAgrees: boolean | null = null;
  if (python) {
    reference = median(ref.map((r) => r.seconds));
    const refJson = JSON.parse(ref[0].stdout) as { miou: number; confusion: number[][] };
    const cliJson = JSON.parse(lean[0].stdout) as { miou: number; confusion: number[][] };
    referenceAgrees = Math.abs(refJson.miou - cliJson.miou) < 1e-9 && JSON.stringify(refJson.confusion) === JSON.stringify(cliJson.confusion);
    log(`(c) numpy + Pillow reference (bincount, 1 core): ${describeRuns(ref, megapixels)}; confusion matrix and mIoU agree with the CLI: ${referenceAgrees ? "yes" : "NO"}`);
    log(`    (c)/(b)  like-for-like: the CLI is ${(reference / cliLean).toFixed(1)}x faster   [target >= 5x: ${verdict(reference / cliLean >= 5)}]`);
    log(`    (c)/(b*) not judged (the CLI also computes boundary IoU): ${(reference / cliFull).toFixed(1)}x`);
  } else {
    log(`(c) numpy reference skipped: ${PYTHON} lacks numpy/Pillow (install: apt-get install -y python3-numpy python3-pil)`);
  }

  const files = readdirSync(set.gtDir).filter((f) => f.endsWith(".png")).flatMap((f) => [path.join(set.gtDir, f), path.join(set.predDir, f)]);
  const streams = loadIdatStreams(files);
  const inflate = Array.from({ length: runs }, () => timeInflate(streams));
  const oneCore = median(inflate.map((r) => r.seconds));
  const perCore = oneCore / cores;
  log(`(d) node:zlib inflate of the IDAT data only, one core (${files.length} files, ${(inflate[0].outputBytes / 1e6).toFixed(0)} MB out): runs ${formatRuns(inflate.map((r) => r.seconds))} s; median ${oneCore.toFixed(3)} s; per core (/${cores}) ${perCore.toFixed(3)} s`);
  log(`    (b)/(d)  like-for-like: ${(cliLean / oneCore).toFixed(2)}x the one-core inflate time   [target <= 2x: ${verdict(cliLean / oneCore <= 2)}] (judged against one core; the CLI ran on the ${cliPath.lean}; against the per-core time it is ${(cliLean / perCore).toFixed(2)}x)`);
  log(`    (b*)/(d) not judged: ${(cliFull / oneCore).toFixed(2)}x one core, ${(cliFull / perCore).toFixed(2)}x per core`);
  const inflateProcess = median(floor.map((r) => r.seconds));
  log(`(e) a Node process that only reads the same files and inflates them, one thread (lib/tools/bench/inflate-only.mjs, start-up included): ${describeRuns(floor, megapixels)}`);
  log(`    (b)/(e)  ${(cliLean / inflateProcess).toFixed(2)}x that process   [target for small sets <= 2x: ${verdict(cliLean / inflateProcess <= 2)}]; (e)/(d) = ${(inflateProcess / oneCore).toFixed(1)}x: what start-up and reading the files add to bare inflate`);
  const cpu = { lean: medianCpu(lean), full: medianCpu(full), reference: python ? medianCpu(ref) : null };
  return { label: set.label, megapixels, kernelGpxPerCore: kernelGpx, cliLean, cliFull, cpu, cliPath, reference, referenceAgrees, inflateOneCore: oneCore, inflatePerCore: perCore, inflateProcess, cores };
}
