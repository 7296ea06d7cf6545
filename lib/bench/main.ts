/**
 * `npm run bench`: speed of the metric kernel, the `intersect` CLI end to end,
 * a numpy + Pillow reference and plain zlib inflate, on CamVid val (with
 * generated predictions) and on a generated full-HD street-scene set, plus
 * peak memory on many small masks. A script, not a test: it prints numbers
 * and PASS/MISS against the targets and always exits 0 unless it breaks.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensurePredictions, ensureStreetSet, type BenchSet } from "./datasets";
import { loadIdatStreams, timeInflate } from "./inflate";
import { timeKernel } from "./kernel";
import { formatRuns, median, spawnTimed, verdict } from "./measure";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cacheRoot = path.join(repoRoot, "data", "bench");
const camvidMasks = path.resolve(repoRoot, "../shared/datasets/camvid/val/masks");
const PYTHON = "/usr/bin/python3";
const cores = os.availableParallelism();
const log = (line = "") => process.stdout.write(line + "\n");

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
            const child = spawn(path.join(repoRoot, "node_modules/.bin/tsx"), ["lib/bench/generate.ts", root, String(width), String(height), String(a), String(b)], { cwd: repoRoot, stdio: "inherit" });
            child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`generator exited with ${code}`))));
          }),
      ),
    );
  };
}

function cliArgs(set: BenchSet, gtDir = set.gtDir, predDir = set.predDir): string[] {
  return ["lib/cli/intersect.mjs", "evaluate", "--gt", gtDir, "--pred", predDir, "--num-classes", String(set.numClasses), "--ignore-index", String(set.ignoreIndex), "--format", "json"];
}

function benchSet(set: BenchSet, runs: number, python: boolean): void {
  const megapixels = (set.count * set.width * set.height) / 1e6;
  log(`\n== ${set.label}: ${set.count} pairs, ${set.width}x${set.height}, ${set.numClasses} classes, ignore ${set.ignoreIndex} (${megapixels.toFixed(1)} Mpx per side) ==`);

  const kernel = timeKernel(set, runs);
  const kernelRate = median(kernel.gpxPerSecond);
  log(`(a) kernel accumulate, 1 core, ${kernel.pairs} pre-decoded pairs: runs ${formatRuns(kernel.gpxPerSecond)} Gpx/s; median ${kernelRate.toFixed(2)} Gpx/s   [target >= 1 Gpx/s per core: ${verdict(kernelRate >= 1)}]`);

  spawnTimed(process.execPath, [...cliArgs(set), "--no-boundary"], repoRoot);
  const cliRow = (label: string, extra: string[]) => {
    const runsOut = Array.from({ length: runs }, () => spawnTimed(process.execPath, [...cliArgs(set), ...extra], repoRoot));
    const t = median(runsOut.map((r) => r.seconds));
    const rss = runsOut.map((r) => r.peakRssMiB).filter((v): v is number => v !== undefined);
    log(`${label}: runs ${formatRuns(runsOut.map((r) => r.seconds))} s; median ${t.toFixed(3)} s = ${(megapixels / t).toFixed(0)} Mpx/s${rss.length ? `; peak RSS ${Math.max(...rss).toFixed(0)} MiB` : ""}`);
    return { seconds: t, json: JSON.parse(runsOut[0].stdout) as { miou: number; confusion: number[][] } };
  };
  const full = cliRow(`(b) CLI end to end (node lib/cli/intersect.mjs evaluate ... --format json, ${cores} threads)`, []);
  const lean = cliRow("(b') the same with --no-boundary (the numpy reference computes no boundary IoU)", ["--no-boundary"]);
  const cliTime = full.seconds;
  const cliJson = full.json;
  if (python) {
    const refArgs = ["lib/bench/reference_eval.py", "--gt", set.gtDir, "--pred", set.predDir, "--num-classes", String(set.numClasses), "--ignore-index", String(set.ignoreIndex)];
    const ref = Array.from({ length: runs }, () => spawnTimed(PYTHON, refArgs, repoRoot));
    const refTime = median(ref.map((r) => r.seconds));
    const refJson = JSON.parse(ref[0].stdout) as { miou: number; confusion: number[][] };
    const agree = Math.abs(refJson.miou - cliJson.miou) < 1e-9 && JSON.stringify(refJson.confusion) === JSON.stringify(cliJson.confusion);
    log(`(c) numpy + Pillow reference (1 core): runs ${formatRuns(ref.map((r) => r.seconds))} s; median ${refTime.toFixed(3)} s; results agree with the CLI: ${agree ? "yes" : "NO"}`);
    for (const [label, t] of [["(b)", cliTime], ["(b')", lean.seconds]] as const) {
      log(`    ${label} vs (c): CLI is ${(refTime / t).toFixed(1)}x faster   [target >= 5x: ${verdict(refTime / t >= 5)}]`);
    }
  } else {
    log(`(c) numpy reference skipped: ${PYTHON} lacks numpy/Pillow (install: apt-get install -y python3-numpy python3-pil)`);
  }

  const files = readdirSync(set.gtDir).filter((f) => f.endsWith(".png")).flatMap((f) => [path.join(set.gtDir, f), path.join(set.predDir, f)]);
  const streams = loadIdatStreams(files);
  const inflate = Array.from({ length: runs }, () => timeInflate(streams));
  const oneCore = median(inflate.map((r) => r.seconds));
  const perCore = oneCore / cores;
  log(`(d) node:zlib inflate of the IDAT data only (${files.length} files, ${(inflate[0].outputBytes / 1e6).toFixed(0)} MB out): runs ${formatRuns(inflate.map((r) => r.seconds))} s; one core ${oneCore.toFixed(3)} s, per core (/${cores}) ${perCore.toFixed(3)} s`);
  for (const [label, t] of [["(b)", cliTime], ["(b')", lean.seconds]] as const) {
    log(`    ${label} / (d): ${(t / oneCore).toFixed(2)}x one core, ${(t / perCore).toFixed(2)}x per core   [target <= 2x: ${verdict(t / oneCore <= 2)} vs one core, ${verdict(t / perCore <= 2)} vs per core]`);
  }
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
  spawnTimed(process.execPath, [...cliArgs(set), "--no-boundary"], repoRoot);
  for (const [label, gt, pred, count] of [["300 pairs", path.join(subset, "gt"), path.join(subset, "pred"), 300], [`${set.count} pairs`, set.gtDir, set.predDir, set.count]] as const) {
    const runs = Array.from({ length: 3 }, () => spawnTimed(process.execPath, cliArgs(set, gt, pred), repoRoot));
    const rss = runs.map((r) => r.peakRssMiB ?? Number.NaN);
    const t = median(runs.map((r) => r.seconds));
    log(`CLI on ${label}: runs ${formatRuns(runs.map((r) => r.seconds))} s (median ${t.toFixed(3)} s, ${(count / t).toFixed(0)} images/s); peak RSS ${formatRuns(rss, 0)} MiB`);
  }
}

async function main(): Promise<void> {
  const python = pythonStatus();
  log(`Machine: ${os.cpus()[0]?.model ?? "unknown CPU"}, ${cores} cores (availableParallelism), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${python ? `numpy/Pillow ${python}` : "no numpy/Pillow"}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (other work on the machine skews every number)`);
  log("Targets: kernel >= 1 Gpx/s per core on 8-bit labels; CLI end to end >= 5x the numpy reference and <= 2x the inflate time (judged against one core and, stricter, per core).");
  const startup = Array.from({ length: 5 }, () => spawnTimed(process.execPath, ["lib/cli/intersect.mjs", "--help"], repoRoot).seconds);
  const viaNpm = Array.from({ length: 3 }, () => spawnTimed("npm", ["run", "-s", "intersect", "--", "--help"], repoRoot).seconds);
  log(`CLI start-up (node lib/cli/intersect.mjs --help, cached bundle): median ${median(startup).toFixed(3)} s; through \`npm run -s intersect\`: ${median(viaNpm).toFixed(3)} s (npm's own start-up is not counted below)`);

  if (existsSync(camvidMasks)) {
    const predDir = path.join(cacheRoot, "camvid-val-pred");
    const count = ensurePredictions(camvidMasks, predDir, 11, 11);
    benchSet({ label: "CamVid val", gtDir: camvidMasks, predDir, count, width: 480, height: 360, numClasses: 11, ignoreIndex: 11 }, 5, python !== null);
  } else {
    log(`\nCamVid skipped: ${camvidMasks} is absent`);
  }

  const fullHdRoot = path.join(cacheRoot, "street-1920x1080");
  const fullHd = await ensureStreetSet(fullHdRoot, "Generated full-HD street scenes", { width: 1920, height: 1080, count: 320 }, parallelGenerate(fullHdRoot, 1920, 1080));
  benchSet(fullHd, 3, python !== null);

  const smallRoot = path.join(cacheRoot, "street-320x240");
  const small = await ensureStreetSet(smallRoot, "Generated small street scenes (320x240)", { width: 320, height: 240, count: 3000 }, parallelGenerate(smallRoot, 320, 240));
  memoryCheck(small);
  log(`\nLoad average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
}

await main();
