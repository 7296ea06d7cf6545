import {
  boundaryIou,
  computeScores,
  createBoundaryCounts,
  createConfusion,
  mergeBoundary,
  nanMean,
  type Scores,
} from "@/lib/core/metrics";
import type { ClassSpec } from "./class-spec";
import type { PairResult, PairSettings } from "./evaluate-pair";
import { chooseExecution, defaultThreads, estimatePixels } from "./execution";
import type { JobMessage } from "./job-messages";
import { pairMaskFiles, type MaskPair } from "./pairs";

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
  /** Threads of the pool, the main thread included (it works too); default INTERSECT_CLI_THREADS or os.availableParallelism(). */
  threads?: number;
  /** Small-job threshold of chooseExecution (lib/tools/cli/execution.ts); 0 always uses the worker pool. */
  smallJobMpx?: number;
  /** Boundary IoU counts; on by default. */
  boundary?: boolean;
  workerUrl?: URL;
}

/**
 * The worker script beside this module: worker.ts when running from source
 * (vitest, tsx), worker.mjs inside the esbuild bundle (lib/tools/cli/intersect.mjs).
 */
export function defaultWorkerUrl(): URL {
  return new URL(import.meta.url.endsWith(".ts") ? "./worker.ts" : "./worker.mjs", import.meta.url);
}

/**
 * Evaluates every gtDir/<name>.png against predDir/<name>.png on one thread
 * per core (the main thread and worker threads), or on the main thread alone
 * when the job is small (chooseExecution); every thread runs the same
 * per-pair code (runPairJob). Dataset totals are exact integer sums, so the
 * result depends neither on the path nor on which thread finished first;
 * per-image results are ordered by name and averaged in that order.
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
  const onResult = (id: number, result: PairResult) => {
    const { sparse } = result;
    for (let i = 0; i < sparse.length; i += 3) total.counts[sparse[i] * (numClasses + 1) + sparse[i + 1]] += sparse[i + 2];
    mergeBoundary(boundary, { numClasses, intersection: result.boundaryIntersection, union: result.boundaryUnion });
    perImage[id] = { name: result.name, miou: result.miou, mdice: result.mdice, pixelAccuracy: result.pixelAccuracy, iou: Array.from(result.iou) };
  };
  // Both paths run every pair through runPairJob; the pool path also on the main thread, beside threads - 1 workers.
  const [{ createPairJobContext, runPairJob }, { runInProcess }] = await Promise.all([import("./pair-job"), import("./in-process")]);
  const context = createPairJobContext(settings);
  const local = (job: JobMessage<MaskPair>) => runPairJob(context, job).reply;
  if (chooseExecution(estimatePixels(pairs), { boundary: settings.boundary, smallJobMpx: opts.smallJobMpx }) === "main-thread") {
    runInProcess<MaskPair, PairResult>(pairs, local, onResult);
  } else {
    const { runPool } = await import("./pool");
    await runPool<MaskPair, PairResult>(
      pairs,
      { workerUrl: opts.workerUrl ?? defaultWorkerUrl(), workerData: settings, threads: opts.threads ?? defaultThreads(), local },
      onResult,
    );
  }

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
