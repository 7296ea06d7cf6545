/**
 * Kernel benchmark for `accumulate` (not a test): run with
 *   npx tsx lib/tools/bench/bench-kernel.ts
 * Reports Mpx/s (median of 5 runs) on CamVid val masks + perturbed predictions
 * (when ../shared/datasets is present) and on generated 1920x1080 19-class
 * masks with large regions, for the aligned 8-bit path, the unaligned 8-bit
 * path and the 16-bit path, plus boundary IoU ms per image.
 * Throughput is measured on this process's CPU time (process.cpuUsage), so
 * that other programs sharing the machine do not count; wall-clock is shown too.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { decode } from "fast-png";
import { accumulate, createConfusion } from "@/lib/core/metrics/confusion";
import { accumulateBoundary, createBoundaryCounts } from "@/lib/core/metrics/boundary";
import { perturbCamvid, secondPredictionCamvid } from "@/lib/core/metrics/golden/perturb";
import { mulberry32, scaleToRange } from "@/lib/core/metrics/prng";

interface Pair { gt: Uint8Array | Uint16Array; pred: Uint8Array | Uint16Array; width: number; height: number }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** CamVid val masks with the golden test's harsh perturbation (noise lattice, blocks, swaps) or a plain shifted prediction. */
function camvidPairs(mild: boolean): Pair[] {
  const dir = path.resolve(process.cwd(), "../shared/datasets/camvid/val/masks");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".png")).sort().map((f, i) => {
    const png = decode(readFileSync(path.join(dir, f)));
    const gt = png.data as Uint8Array;
    const { width, height } = png;
    return mild ? { gt, pred: secondPredictionCamvid(gt, width, height, i), width, height } : { ...perturbCamvid(gt, width, height, i), width, height };
  });
}

/** 19-class Voronoi regions (large areas) and a prediction shifted by 3 px with a few wrong discs. */
function syntheticPairs(count: number): Pair[] {
  const w = 1920, h = 1080, rng = mulberry32(42);
  const out: Pair[] = [];
  for (let k = 0; k < count; k++) {
    const seeds = Array.from({ length: 48 }, () => [scaleToRange(rng(), w), scaleToRange(rng(), h), scaleToRange(rng(), 19)]);
    const gt = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      let best = 0, bd = Infinity;
      for (let s = 0; s < seeds.length; s++) {
        const d = (seeds[s][0] - x) ** 2 + (seeds[s][1] - y) ** 2;
        if (d < bd) { bd = d; best = s; }
      }
      gt[y * w + x] = seeds[best][2];
    }
    const pred = new Uint8Array(w * h);
    for (let i = 0; i < w * h; i++) pred[i] = gt[Math.min(w * h - 1, i + 3 + 3 * w)];
    for (let d = 0; d < 10; d++) {
      const cx = scaleToRange(rng(), w), cy = scaleToRange(rng(), h), r = 20 + scaleToRange(rng(), 60), c = scaleToRange(rng(), 19);
      for (let y = Math.max(0, cy - r); y < Math.min(h, cy + r); y++) for (let x = Math.max(0, cx - r); x < Math.min(w, cx + r); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 < r * r) pred[y * w + x] = c;
      }
    }
    out.push({ gt, pred, width: w, height: h });
  }
  return out;
}

function unaligned(a: Uint8Array | Uint16Array, shift: number): Uint8Array {
  const buf = new Uint8Array(a.length + 4);
  buf.set(a, shift);
  return buf.subarray(shift, shift + a.length);
}

/** Runs f 6 times (the first is a warm-up) and returns [cpu ms, wall ms] of the other 5. */
function timeRuns(f: () => void): { cpu: number[]; wall: number[] } {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < 6; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f();
    const c = process.cpuUsage(c0);
    if (r > 0) {
      cpu.push((c.user + c.system) / 1000);
      wall.push(performance.now() - t0);
    }
  }
  return { cpu, wall };
}

function benchAccumulate(label: string, pairs: Pair[], numClasses: number, ignore: number[]): void {
  const pixels = pairs.reduce((s, p) => s + p.gt.length, 0);
  const { cpu, wall } = timeRuns(() => {
    const cm = createConfusion(numClasses);
    for (const p of pairs) accumulate(cm, p.gt, p.pred, { numClasses, ignoreValues: ignore });
  });
  const rate = (ms: number) => pixels / ms / 1000;
  console.log(
    `${label.padEnd(48)} ${rate(median(cpu)).toFixed(0).padStart(5)} Mpx/s cpu (runs ${cpu.map((ms) => rate(ms).toFixed(0)).join(", ")}), ${rate(median(wall)).toFixed(0)} Mpx/s wall; ${pairs.length} images, ${(pixels / 1e6).toFixed(1)} Mpx`,
  );
}

function benchBoundary(label: string, pairs: Pair[], numClasses: number, ignore: number[]): void {
  const { cpu, wall } = timeRuns(() => {
    const counts = createBoundaryCounts(numClasses);
    for (const p of pairs) {
      accumulateBoundary(counts, { width: p.width, height: p.height, data: p.gt }, { width: p.width, height: p.height, data: p.pred }, { numClasses, ignoreValues: ignore });
    }
  });
  console.log(`${label.padEnd(48)} ${(median(cpu) / pairs.length).toFixed(2).padStart(6)} ms/image cpu, ${(median(wall) / pairs.length).toFixed(2)} ms/image wall`);
}

const camvid = camvidPairs(false);
if (camvid.length === 0) console.log("CamVid masks not found at ../shared/datasets/camvid/val/masks: CamVid rows skipped");
else {
  benchAccumulate("CamVid val 480x360 perturbed, 8-bit aligned", camvid, 11, [11]);
  benchAccumulate("CamVid val, shifted prediction, 8-bit aligned", camvidPairs(true), 11, [11]);
  benchAccumulate("CamVid val, 8-bit unaligned (offsets 1 and 2)", camvid.map((p) => ({ ...p, gt: unaligned(p.gt, 1), pred: unaligned(p.pred, 2) })), 11, [11]);
  benchAccumulate("CamVid val, 16-bit", camvid.map((p) => ({ ...p, gt: Uint16Array.from(p.gt), pred: Uint16Array.from(p.pred) })), 11, [11]);
  benchBoundary("CamVid val 480x360 boundary IoU", camvid, 11, [11]);
}
const synth = syntheticPairs(4);
benchAccumulate("synthetic 1920x1080 19 classes, 8-bit aligned", synth, 19, [255]);
benchAccumulate("synthetic 1920x1080, 8-bit unaligned", synth.map((p) => ({ ...p, gt: unaligned(p.gt, 1), pred: unaligned(p.pred, 3) })), 19, [255]);
benchAccumulate("synthetic 1920x1080, 16-bit", synth.map((p) => ({ ...p, gt: Uint16Array.from(p.gt), pred: Uint16Array.from(p.pred) })), 19, [255]);
const noise = Array.from({ length: 2 }, (_, k) => {
  const rng = mulberry32(7 + k), n = 1920 * 1080;
  const gt = new Uint8Array(n), pred = new Uint8Array(n);
  for (let i = 0; i < n; i++) { gt[i] = scaleToRange(rng(), 19); pred[i] = scaleToRange(rng(), 19); }
  return { gt, pred, width: 1920, height: 1080 };
});
benchAccumulate("pure noise 1920x1080 (worst case), 8-bit", noise, 19, [255]);
benchBoundary("synthetic 1920x1080 boundary IoU", synth, 19, [255]);
