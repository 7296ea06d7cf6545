import { AppError } from "@/lib/errors";
import { checkLabelValues, checkSameSize, type DecodeOptions, type LabelMap, type Rgb } from "@/lib/masks";
import {
  accumulate,
  accumulateBoundary,
  computeScores,
  createBoundaryCounts,
  createConfusion,
  toSparse,
  type BoundaryCounts,
  type ConfusionMatrix,
} from "@/lib/metrics";

/** What every worker needs to evaluate any pair; plain data so it can cross a thread boundary. */
export interface PairSettings {
  numClasses: number;
  ignoreValues: number[];
  colorTable?: Rgb[];
  colorTableExtra?: { value: number; color: Rgb }[];
  /** Compute boundary IoU counts (the costly part on large masks), with lib/metrics' default dilation ratio. */
  boundary: boolean;
}

/**
 * The small result of one image that goes back to the main thread: its
 * confusion matrix in sparse form (flattened [gt, predColumn, count] triples),
 * its boundary counts and its own scores (NaN when undefined).
 */
export interface PairResult {
  name: string;
  sparse: Float64Array;
  boundaryIntersection: Float64Array;
  boundaryUnion: Float64Array;
  miou: number;
  mdice: number;
  pixelAccuracy: number;
  iou: Float64Array;
}

export type MaskDecoder = (bytes: Uint8Array, opts: DecodeOptions) => LabelMap;

/** Reusable per-thread buffers so that a worker allocates nothing per image beyond the decoded masks. */
export interface PairScratch {
  confusion: ConfusionMatrix;
  boundary: BoundaryCounts;
}

/** Scratch matrices for settings.numClasses classes; reuse one per worker. */
export function createPairScratch(settings: PairSettings): PairScratch {
  return { confusion: createConfusion(settings.numClasses), boundary: createBoundaryCounts(settings.numClasses) };
}

/**
 * Decodes one pair, checks it (same size; ground truth only holds class
 * indices or ignore values) and counts it. Predictions outside the class list
 * are not an error: they land in the spill column. Throws AppError naming the
 * offending file.
 */
export function evaluatePair(
  name: string,
  files: { gtPath: string; gtBytes: Uint8Array; predPath: string; predBytes: Uint8Array },
  settings: PairSettings,
  decode: MaskDecoder,
  scratch: PairScratch = createPairScratch(settings),
): PairResult {
  const decodeOpts = { colorTable: settings.colorTable, colorTableExtra: settings.colorTableExtra };
  const gt = decode(files.gtBytes, { ...decodeOpts, fileName: files.gtPath });
  const pred = decode(files.predBytes, { ...decodeOpts, fileName: files.predPath });
  checkSameSize(gt, pred, files.gtPath, files.predPath);

  const { confusion, boundary } = scratch;
  confusion.counts.fill(0);
  const opts = { numClasses: settings.numClasses, ignoreValues: settings.ignoreValues };
  try {
    accumulate(confusion, gt.data, pred.data, opts);
  } catch (error) {
    checkLabelValues(gt, { ...opts, fileName: files.gtPath, role: "ground truth" });
    const reason = error instanceof Error ? error.message.replace(/^accumulate: /, "") : String(error);
    throw new AppError("invalid_input", `${files.gtPath}: ${reason}`);
  }
  boundary.intersection.fill(0);
  boundary.union.fill(0);
  if (settings.boundary) accumulateBoundary(boundary, gt, pred, opts);

  const scores = computeScores(confusion);
  const sparse = toSparse(confusion);
  const flat = new Float64Array(sparse.length * 3);
  sparse.forEach(([g, p, c], i) => {
    flat[3 * i] = g;
    flat[3 * i + 1] = p;
    flat[3 * i + 2] = c;
  });
  return {
    name,
    sparse: flat,
    boundaryIntersection: boundary.intersection.slice(),
    boundaryUnion: boundary.union.slice(),
    miou: scores.miou,
    mdice: scores.mdice,
    pixelAccuracy: scores.pixelAccuracy,
    iou: Float64Array.from(scores.perClass, (c) => c.iou),
  };
}
