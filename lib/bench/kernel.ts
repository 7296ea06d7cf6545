import { readdirSync } from "node:fs";
import path from "node:path";
import { accumulate, createConfusion } from "@/lib/metrics";
import type { BenchSet } from "./datasets";
import { readGrey8 } from "./datasets";

/** Decoded pairs kept in memory for the kernel timing: about 100 Mpx per side at most. */
const MAX_KERNEL_PIXELS = 100e6;

/**
 * Speed of `accumulate` alone on one core: the set's masks (or the first
 * ~100 Mpx of them) are decoded up front, then each run adds every pair into
 * one matrix. Returns giga-pixels per second per run.
 */
export function timeKernel(set: BenchSet, runs: number): { pairs: number; gpxPerSecond: number[] } {
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
  const gpxPerSecond: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (const p of pairs) accumulate(cm, p.gt, p.pred, opts);
    gpxPerSecond.push(pixels / 1e9 / ((performance.now() - t0) / 1000));
  }
  return { pairs: pairs.length, gpxPerSecond };
}
