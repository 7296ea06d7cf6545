import { readdirSync } from "node:fs";
import path from "node:path";
import { accumulate, createConfusion } from "@/lib/core/metrics";
import type { BenchSet } from "./datasets";
import { readGrey8 } from "./datasets";

/** Decoded pairs kept in memory for the kernel timing: about 100 Mpx per side at most. */
const MAX_KERNEL_PIXELS = 100e6;
/** Each timed run passes over the pairs until about this many pixels are counted (0.2-0.3 s), so that short sets time well. */
const PIXELS_PER_RUN = 300e6;

/**
 * Speed of `accumulate` alone on one core: the set's masks (or the first
 * ~100 Mpx of them) are decoded up front, then each run adds every pair into
 * one matrix, as many passes over them as it takes to count ~300 Mpx.
 * Returns giga-pixels (pairs) per second per run, both per second of this
 * process's CPU time (the per-core figure, which other programs sharing the
 * machine do not skew) and per wall-clock second.
 */
export function timeKernel(set: BenchSet, runs: number): { pairs: number; gpxPerCpuSecond: number[]; gpxPerWallSecond: number[] } {
  const names = readdirSync(set.gtDir).filter((f) => f.endsWith(".png")).sort();
  const pairs: { gt: Uint8Array; pred: Uint8Array }[] = [];
  let pixels = 0;
  for (const name of names) {
    if (pixels + set.width * set.height > MAX_KERNEL_PIXELS && pairs.length > 0) break;
    const gt = readGrey8(path.join(set.gtDir, name));
    const pred = readGrey8(path.join(set.predDir, name));
    pairs.push({ gt: gt.data, pred: pred.data });
    pixels += gt.data.length;
  }
  const opts = { numClasses: set.numClasses, ignoreValues: [set.ignoreIndex] };
  const cm = createConfusion(set.numClasses);
  for (const p of pairs.slice(0, 3)) accumulate(cm, p.gt, p.pred, opts);
  const passes = Math.max(1, Math.round(PIXELS_PER_RUN / pixels));
  const gpxPerCpuSecond: number[] = [];
  const gpxPerWallSecond: number[] = [];
  for (let r = 0; r < runs; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let pass = 0; pass < passes; pass++) for (const p of pairs) accumulate(cm, p.gt, p.pred, opts);
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    gpxPerWallSecond.push((passes * pixels) / 1e9 / wall);
    gpxPerCpuSecond.push((passes * pixels) / 1e9 / ((cpu.user + cpu.system) / 1e6));
  }
  return { pairs: pairs.length, gpxPerCpuSecond, gpxPerWallSecond };
}
