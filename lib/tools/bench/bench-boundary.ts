/**
 * Boundary IoU benchmark (not a test): run with
 *   npx tsx lib/tools/bench/bench-boundary.ts [path/to/other-boundary.ts]
 * Reports ns per pixel for one (gt, pred) pair — both boundary maps plus the
 * counting — for the TypeScript path and the WebAssembly kernel (build it
 * first: npm run build:wasm), as the median of 5 runs (BENCH_RUNS=n for more; after one
 * warm-up) of this process's CPU time (process.cpuUsage, so that other
 * programs on the machine do not count), on:
 * - CamVid val 480x360 (101 masks), when ../shared/datasets is present, with
 *   the CLI benchmark's predictions (lib/tools/bench/perturb.ts) and with the golden
 *   test's harsher perturbation (a noise lattice: nearly every pixel is
 *   boundary in the prediction);
 * - the same masks upscaled 4x with nearest neighbour (1920x1440);
 * - synthetic 1920x1080 19-class street scenes (lib/tools/bench/street-scene.ts)
 *   with lib/tools/bench's perturbed predictions (void blocks, spill labels), also
 *   as 16-bit maps and as 8-bit maps at an odd byte offset (copied rows).
 * An optional argument names another module exporting accumulateBoundary and
 * createBoundaryCounts (e.g. an older copy) to compare against; runs of the
 * two alternate. This machine is shared: when the sibling CPU is busy, CPU
 * time per pixel rises by up to ~1.6x, so compare the minimum too.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { decode } from "fast-png";
import * as current from "@/lib/core/metrics/boundary";
import { disableWasmKernels, initWasmKernels } from "@/lib/core/wasm/kernels";
import { perturbCamvid } from "@/lib/core/metrics/golden/perturb";
import { perturbPrediction } from "@/lib/tools/bench/perturb";
import { hashSeed } from "@/lib/tools/bench/rng";
import { generateStreetScene, STREET_CLASSES, STREET_VOID } from "@/lib/tools/bench/street-scene";

type Impl = Pick<typeof current, "accumulateBoundary" | "createBoundaryCounts"> & { before?: () => void };
interface Pair<T = Uint8Array | Uint16Array> { gt: T; pred: T; width: number; height: number }
interface BenchSet { label: string; pairs: Pair[]; numClasses: number; ignore: number[] }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function camvidPairs(golden: boolean): Pair<Uint8Array>[] {
  const dir = path.resolve(process.cwd(), "../shared/datasets/camvid/val/masks");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".png")).sort().map((f, i) => {
    const png = decode(readFileSync(path.join(dir, f)));
    const { width, height } = png;
    const gt = png.data as Uint8Array;
    if (golden) return { ...perturbCamvid(gt, width, height, i), width, height };
    return { gt, pred: perturbPrediction(gt, width, height, { numClasses: 11, voidValue: 11, seed: hashSeed(f) }), width, height };
  });
}

/** The same bytes one byte into a larger buffer (rows not 4-byte aligned). */
function atOffset(a: Uint8Array): Uint8Array {
  const buf = new Uint8Array(a.length + 1);
  buf.set(a, 1);
  return buf.subarray(1);
}

function upscale(a: Uint8Array, w: number, h: number, f: number): Uint8Array {
  const W = w * f;
  const out = new Uint8Array(W * h * f);
  for (let y = 0; y < h * f; y++) {
    const src = ((y / f) | 0) * w;
    for (let x = 0; x < W; x++) out[y * W + x] = a[src + ((x / f) | 0)];
  }
  return out;
}

function streetPairs(count: number, width: number, height: number): Pair<Uint8Array>[] {
  return Array.from({ length: count }, (_, i) => {
    const gt = generateStreetScene(width, height, hashSeed(`${width}x${height}`, i));
    const pred = perturbPrediction(gt, width, height, { numClasses: STREET_CLASSES.length, voidValue: STREET_VOID, seed: hashSeed(`scene-${i}`, width) });
    return { gt, pred, width, height };
  });
}

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** CPU ns per pixel of one pass over all pairs of the set. */
function timeOnce(impl: Impl, set: BenchSet, pixels: number): number {
  impl.before?.();
  const counts = impl.createBoundaryCounts(set.numClasses);
  const c0 = process.cpuUsage();
  for (const p of set.pairs) {
    impl.accumulateBoundary(
      counts,
      { width: p.width, height: p.height, data: p.gt },
      { width: p.width, height: p.height, data: p.pred },
      { numClasses: set.numClasses, ignoreValues: set.ignore },
    );
  }
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1000) / pixels;
}

/** RUNS timed passes per implementation after one warm-up each, interleaved so that all see the same machine load. */
function bench(impls: [string, Impl][], set: BenchSet): number[][] {
  const pixels = set.pairs.reduce((s, p) => s + p.gt.length, 0);
  const runs = impls.map(() => [] as number[]);
  for (let r = 0; r <= RUNS; r++) {
    impls.forEach(([, impl], i) => {
      const ns = timeOnce(impl, set, pixels);
      if (r > 0) runs[i].push(ns);
    });
  }
  return runs;
}

async function main(): Promise<void> {
  const impls: [string, Impl][] = [["typescript", { ...current, before: disableWasmKernels }]];
  const wasm = new WebAssembly.Module(readFileSync(new URL("../../core/wasm/build/kernel.wasm", import.meta.url)));
  impls.push(["webassembly", { ...current, before: () => void initWasmKernels(wasm) }]);
  const other = process.argv[2];
  if (other) impls.push([path.basename(other), (await import(pathToFileURL(path.resolve(other)).href)) as Impl]);

  const sets: BenchSet[] = [];
  const camvid = camvidPairs(false);
  if (camvid.length === 0) console.log("CamVid masks not found at ../shared/datasets/camvid/val/masks: CamVid rows skipped");
  else {
    sets.push({ label: `CamVid val 480x360 (${camvid.length} pairs)`, pairs: camvid, numClasses: 11, ignore: [11] });
    sets.push({ label: "CamVid val, golden perturbation", pairs: camvidPairs(true), numClasses: 11, ignore: [11] });
    const up = camvid.slice(0, 12).map((p) => ({ gt: upscale(p.gt, p.width, p.height, 4), pred: upscale(p.pred, p.width, p.height, 4), width: p.width * 4, height: p.height * 4 }));
    sets.push({ label: `CamVid x4 nearest 1920x1440 (${up.length} pairs)`, pairs: up, numClasses: 11, ignore: [11] });
  }
  const street = streetPairs(8, 1920, 1080);
  sets.push({ label: `street scenes 1920x1080 19 classes (${street.length} pairs)`, pairs: street, numClasses: 19, ignore: [STREET_VOID] });
  const few = street.slice(0, 4);
  sets.push({ label: "street scenes, 16-bit", pairs: few.map((p) => ({ ...p, gt: Uint16Array.from(p.gt), pred: Uint16Array.from(p.pred) })), numClasses: 19, ignore: [STREET_VOID] });
  sets.push({ label: "street scenes, 8-bit at an odd offset", pairs: few.map((p) => ({ ...p, gt: atOffset(p.gt), pred: atOffset(p.pred) })), numClasses: 19, ignore: [STREET_VOID] });

  for (const set of sets) {
    bench(impls, set).forEach((runs, i) => {
      const m = median(runs).toFixed(2).padStart(6);
      const min = Math.min(...runs).toFixed(2);
      console.log(`${set.label.padEnd(44)} ${impls[i][0].padEnd(16)} ${m} ns/px cpu median, min ${min} (runs ${runs.map((v) => v.toFixed(2)).join(", ")})`);
    });
  }
}

void main();
