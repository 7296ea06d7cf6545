import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** Median of a non-empty list (mean of the two middle values for even lengths). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs fn `runs` times and returns the wall times in seconds. */
export function timeRuns(runs: number, fn: () => void): number[] {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    fn();
    times.push((performance.now() - t0) / 1000);
  }
  return times;
}

export interface SpawnResult {
  seconds: number;
  stdout: string;
  /** Peak resident set size of the child in MiB (all threads), when /usr/bin/time is available. */
  peakRssMiB?: number;
}

const GNU_TIME = "/usr/bin/time";

/**
 * Spawns a command as a user would and measures its wall time; wraps it in
 * GNU time (if present) to read the child's peak RSS. Throws with the
 * child's stderr when it exits non-zero.
 */
export function spawnTimed(command: string, args: readonly string[], cwd: string): SpawnResult {
  const useTime = existsSync(GNU_TIME);
  const rssFile = path.join(os.tmpdir(), `intersect-bench-rss-${process.pid}.txt`);
  const [cmd, argv] = useTime ? [GNU_TIME, ["-f", "%M", "-o", rssFile, command, ...args]] : [command, [...args]];
  const t0 = performance.now();
  const child = spawnSync(cmd, argv, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - t0) / 1000;
  if (child.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${child.status}): ${child.stderr.trim()}`);
  let peakRssMiB: number | undefined;
  if (useTime) {
    peakRssMiB = Number(readFileSync(rssFile, "utf8").trim().split("\n").pop()) / 1024;
    rmSync(rssFile, { force: true });
  }
  return { seconds, stdout: child.stdout, peakRssMiB };
}

/** "1.23 1.25 1.22" with a fixed number of decimals. */
export function formatRuns(values: readonly number[], digits = 3): string {
  return values.map((v) => v.toFixed(digits)).join(" ");
}

/** "PASS" or "MISS" for a target check. */
export function verdict(ok: boolean): string {
  return ok ? "PASS" : "MISS";
}
