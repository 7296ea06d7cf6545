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

export interface SpawnResult {
  seconds: number;
  stdout: string;
  /** Peak resident set size of the child in MiB (all threads), when /usr/bin/time is available. */
  peakRssMiB?: number;
  /** User + system CPU seconds of the child (all threads), when /usr/bin/time is available. */
  cpuSeconds?: number;
}

const GNU_TIME = "/usr/bin/time";

/**
 * Spawns a command as a user would and measures its wall time; wraps it in
 * GNU time (if present) to read the child's peak RSS and CPU time. Throws
 * with the child's stderr when it exits non-zero.
 */
export function spawnTimed(command: string, args: readonly string[], cwd: string, env?: Record<string, string>): SpawnResult {
  const useTime = existsSync(GNU_TIME);
  const statsFile = path.join(os.tmpdir(), `intersect-bench-time-${process.pid}.txt`);
  const [cmd, argv] = useTime ? [GNU_TIME, ["-f", "%M %U %S", "-o", statsFile, command, ...args]] : [command, [...args]];
  const t0 = performance.now();
  const child = spawnSync(cmd, argv, { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: env ? { ...process.env, ...env } : process.env });
  const seconds = (performance.now() - t0) / 1000;
  if (child.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit ${child.status}): ${child.stderr.trim()}`);
  if (!useTime) return { seconds, stdout: child.stdout };
  const [rssKiB, user, system] = readFileSync(statsFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
  rmSync(statsFile, { force: true });
  return { seconds, stdout: child.stdout, peakRssMiB: rssKiB / 1024, cpuSeconds: user + system };
}

/** "1.23 1.25 1.22" with a fixed number of decimals. */
export function formatRuns(values: readonly number[], digits = 3): string {
  return values.map((v) => v.toFixed(digits)).join(" ");
}

/** "PASS" or "MISS" for a target check. */
export function verdict(ok: boolean): string {
  return ok ? "PASS" : "MISS";
}
