import { availableParallelism } from "node:os";
import {
  boundaryIou,
  computeScores,
  createBoundaryCounts,
  createConfusion,
  mergeBoundary,
  nanMean,
  type Scores,
} from "@/lib/metrics";
import type { ClassSpec } from "./class-spec";
import type { PairResult, PairSettings } from "./evaluate-pair";
import { pairMaskFiles, type MaskPair } from "./pairs";
import { runPool } from "./pool";

/** Per-image scores kept for `--per-image` and the per-image mean (NaN when undefined). */
export interface ImageScores {
  name: string;
  miou: number;
  mdice: number;
  pixelAccuracy: number;
  iou: number[];
}

/** Everything the CLI prints, as numbers (NaN = undefined), before JSON or table formatting. */
export interface Evaluation {
  classes: ClassSpec;
  images: number;
  scores: Scores;
  /** numClasses x numClasses pixel counts, row = ground truth, column = prediction (spill column left out). */
  confusion: number[][];
  boundaryIou: number[];
  perImageMiou: number;
  perImage: ImageScores[];
}

export interface EvaluateFoldersOptions {
  gtDir: string;
  predDir: string;
  classes: ClassSpec;
  /** Worker threads; default INTERSECT_CLI_THREADS or os.availableParallelism(). */
  threads?: number;
  /** Boundary IoU counts; on by default. */
  boundary?: boolean;
  workerUrl?: URL;
}

/** One worker per core; INTERSECT_CLI_THREADS (a positive integer) overrides it, e.g. to share a machine. */
export function defaultThreads(): number {
  const fromEnv = Number(process.env.INTERSECT_CLI_THREADS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism();
}

/**
 * The worker script beside this module: worker.ts when running from source
 * (vitest, tsx), worker.js inside the esbuild bundle.
 */
export function defaultWorkerUrl(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.js", import.meta.url);
}

/**
 * Evaluates every gtDir/<name>.png against predDir/<name>.png on a pool of
 * worker threads (one per core). Dataset totals are exact integer sums, so
 * the result does not depend on which worker finished first; per-image
 * results are ordered by name and averaged in that order.
 */
export async function evaluateFolders(opts: EvaluateFoldersOptions): Promise<Evaluation> {
  const { classes } = opts;
  const pairs = pairMaskFiles(opts.gtDir, opts.predDir);
  const numClasses = classes.names.length;
  const settings: PairSettings = {
    numClasses,
    ignoreValues: classes.ignoreIndex === null ? [] : [classes.ignoreIndex],
    colorTable: classes.colors,
    colorTableExtra: classes.voidColor && classes.ignoreIndex !== null ? [{ value: classes.ignoreIndex, color: classes.voidColor }] : undefined,
    boundary: opts.boundary ?? true,
  };

  const total = createConfusion(numClasses);
  const boundary = createBoundaryCounts(numClasses);
  const perImage: ImageScores[] = new Array(pairs.length);
  await runPool<MaskPair, PairResult>(
    pairs,
    { workerUrl: opts.workerUrl ?? defaultWorkerUrl(), workerData: settings, threads: opts.threads ?? defaultThreads() },
    (id, result) => {
      const { sparse } = result;
      for (let i = 0; i < sparse.length; i += 3) total.counts[sparse[i] * (numClasses + 1) + sparse[i + 1]] += sparse[i + 2];
      mergeBoundary(boundary, { numClasses, intersection: result.boundaryIntersection, union: result.boundaryUnion });
      perImage[id] = { name: result.name, miou: result.miou, mdice: result.mdice, pixelAccuracy: result.pixelAccuracy, iou: Array.from(result.iou) };
    },
  );

  const confusion = Array.from({ length: numClasses }, (_, g) =>
    Array.from(total.counts.subarray(g * (numClasses + 1), g * (numClasses + 1) + numClasses)),
  );
  return {
    classes,
    images: pairs.length,
    scores: computeScores(total),
    confusion,
    boundaryIou: settings.boundary ? boundaryIou(boundary).perClass : new Array(numClasses).fill(Number.NaN),
    perImageMiou: nanMean(perImage.map((p) => p.miou)),
    perImage,
  };
}
