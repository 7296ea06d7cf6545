/**
 * Where `intersect evaluate` runs its pairs: on the main thread alone for
 * small jobs, otherwise on one thread per core (the main thread and worker
 * threads, lib/tools/cli/pool.ts). Starting a worker costs ~0.15-0.2 s of CPU on
 * this 2-core machine (Node's worker bootstrap, then the thread loads and
 * JIT-compiles its own decoder and kernels), which a second core only pays
 * back on enough pixels.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { availableParallelism } from "node:os";
import { readPngHeader } from "@/lib/core/masks/png-chunks";
import type { MaskPair } from "./pairs";

/**
 * Jobs below this many megapixels (ground-truth side; boundary IoU work
 * weighted by {@link BOUNDARY_WEIGHT}) run on the main thread. Measured on
 * the 2-core machine (lib/tools/cli/README-snippet.md): without boundary IoU the
 * worker pool only catches up at ~120 Mpx of full-HD masks and costs ~0.35 s
 * more CPU; with it, at 60-90 Mpx.
 */
export const SMALL_JOB_MPX = 120;

/** A pixel with boundary IoU counts this many times toward {@link SMALL_JOB_MPX} (break-even ~60 instead of ~120 Mpx). */
export const BOUNDARY_WEIGHT = 2;

export type Execution = "main-thread" | "worker-pool";

/** Threads in all, the main thread included: one per core; INTERSECT_CLI_THREADS (a positive integer) overrides it, e.g. to share a machine. */
export function defaultThreads(): number {
  const fromEnv = Number(process.env.INTERSECT_CLI_THREADS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism();
}

/** INTERSECT_CLI_SMALL_JOB_MPX (a number >= 0; 0 always uses the pool) or {@link SMALL_JOB_MPX}. */
export function defaultSmallJobMpx(): number {
  const raw = process.env.INTERSECT_CLI_SMALL_JOB_MPX;
  const fromEnv = raw === undefined || raw.trim() === "" ? Number.NaN : Number(raw);
  return Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : SMALL_JOB_MPX;
}

/**
 * Main thread or worker pool for a job of `pixels` ground-truth pixels:
 * the main thread when pixels x (BOUNDARY_WEIGHT with boundary IoU, else 1)
 * is below smallJobMpx megapixels (default {@link defaultSmallJobMpx}).
 */
export function chooseExecution(pixels: number, opts: { boundary: boolean; smallJobMpx?: number }): Execution {
  const work = pixels * (opts.boundary ? BOUNDARY_WEIGHT : 1);
  return work < (opts.smallJobMpx ?? defaultSmallJobMpx()) * 1e6 ? "main-thread" : "worker-pool";
}

/**
 * Ground-truth pixels of the pairs, estimated as the first mask's size (read
 * from its 33-byte PNG header) times the number of pairs, so that no other
 * file is opened twice. Returns 0 when that header cannot be read: the
 * evaluation itself then reports the file, on either path.
 */
export function estimatePixels(pairs: readonly MaskPair[]): number {
  if (pairs.length === 0) return 0;
  const head = new Uint8Array(33);
  let fd: number | undefined;
  try {
    fd = openSync(pairs[0].gtPath, "r");
    const read = readSync(fd, head, 0, head.length, 0);
    const { width, height } = readPngHeader(head.subarray(0, read), pairs[0].gtPath);
    return width * height * pairs.length;
  } catch {
    return 0;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
