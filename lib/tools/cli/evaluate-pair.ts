import type { DecodeOptions, LabelMap, Rgb } from "@/lib/core/masks";
import { reserveDecodeSlots } from "@/lib/core/masks/unfilter-wasm";
import { createScorePairScratch, scorePair, type ScorePairScratch } from "@/lib/core/metrics";

/** What every worker needs to evaluate any pair; plain data so it can cross a thread boundary. */
export interface PairSettings {
  numClasses: number;
  ignoreValues: number[];
  colorTable?: Rgb[];
  colorTableExtra?: { value: number; color: Rgb }[];
  /** Compute boundary IoU counts (the costly part on large masks), with lib/core/metrics' default dilation ratio. */
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
export type PairScratch = ScorePairScratch;

/** Scratch matrices for settings.numClasses classes; reuse one per worker. */
export function createPairScratch(settings: PairSettings): PairScratch {
  return createScorePairScratch(settings.numClasses);
}

/**
 * Decodes one pair and scores it (lib/core/metrics scorePair: same size; ground
 * truth only holds class indices or ignore values), then packs the result for
 * the thread message. Predictions outside the class list are not an error:
 * they land in the spill column. Throws AppError naming the offending file.
 * With the WebAssembly kernels loaded, both masks are decoded into wasm
 * memory (slots 0 and 1, sized first) and counted there without a copy.
 */
export function evaluatePair(
  name: string,
  files: { gtPath: string; gtBytes: Uint8Array; predPath: string; predBytes: Uint8Array },
  settings: PairSettings,
  decode: MaskDecoder,
  scratch: PairScratch = createPairScratch(settings),
): PairResult {
  const decodeOpts = { colorTable: settings.colorTable, colorTableExtra: settings.colorTableExtra };
  const slots = reserveDecodeSlots([files.gtBytes, files.predBytes]);
  const gt = decode(files.gtBytes, { ...decodeOpts, fileName: files.gtPath, wasmSlot: slots ? 0 : undefined });
  // A predicted colour outside the class table is a wrong prediction (the first value outside the class list), as a grey value would be.
  const pred = decode(files.predBytes, { ...decodeOpts, unknownColorValue: settings.numClasses, fileName: files.predPath, wasmSlot: slots ? 1 : undefined });
  const { sparse, boundary, scores } = scorePair(
    gt,
    pred,
    { numClasses: settings.numClasses, ignoreValues: settings.ignoreValues, boundary: settings.boundary, gtName: files.gtPath, predName: files.predPath },
    scratch,
  );
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
