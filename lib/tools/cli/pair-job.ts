/**
 * One pair, from file paths to the reply message: the code every worker
 * thread runs, and the main thread too when a job is small enough to skip
 * the pool (lib/tools/cli/in-process.ts). Both paths go through runPairJob, so
 * they produce the same results and the same errors.
 */
import { readFileSync } from "node:fs";
import { AppError } from "@/lib/core/errors";
import { decodeLabelMapWith } from "@/lib/core/masks";
import { loadKernelWasm } from "./kernel-wasm";
import { nodeZlibHostFor } from "@/lib/server/masks/native-zlib";
import { createPairScratch, evaluatePair, type MaskDecoder, type PairResult, type PairScratch, type PairSettings } from "./evaluate-pair";
import type { MaskPair } from "./pairs";
import type { JobMessage, ReplyMessage } from "./job-messages";

/**
 * Native zlib inflates about twice as fast as a JS inflater; decodeLabelMapWith
 * lets us supply it, with zlib's native CRC-32 and, for masks decoded into
 * wasm slots, inflation straight into the slot (lib/server/masks/native-zlib.ts,
 * which also sizes and caps the output from the header).
 */
export const decodeWithNativeInflate: MaskDecoder = (bytes, opts) => decodeLabelMapWith(bytes, nodeZlibHostFor(bytes, opts.fileName), opts);

/** A reply plus the buffers it can hand over without copying (worker -> main thread). */
export interface PairJobOutcome {
  reply: ReplyMessage<PairResult>;
  transfer: ArrayBuffer[];
}

/** Per-thread state of the pair job: the settings and reusable scratch matrices. */
export interface PairJobContext {
  settings: PairSettings;
  scratch: PairScratch;
}

/** One context per thread (it also loads the WebAssembly kernels, if built); reuse it for every pair that thread evaluates. */
export function createPairJobContext(settings: PairSettings): PairJobContext {
  loadKernelWasm();
  return { settings, scratch: createPairScratch(settings) };
}

/**
 * Reads, decodes and counts one pair and wraps the outcome as a reply; never
 * throws. A bad mask (AppError) or an unreadable file becomes an
 * invalid_input reply naming the file; anything else an internal one.
 */
export function runPairJob(ctx: PairJobContext, job: JobMessage<MaskPair>): PairJobOutcome {
  try {
    const { name, gtPath, predPath } = job.payload;
    const result = evaluatePair(
      name,
      { gtPath, gtBytes: readFileSync(gtPath), predPath, predBytes: readFileSync(predPath) },
      ctx.settings,
      decodeWithNativeInflate,
      ctx.scratch,
    );
    const transfer = [result.sparse, result.boundaryIntersection, result.boundaryUnion, result.iou].map((a) => a.buffer as ArrayBuffer);
    return { reply: { id: job.id, ok: true, result }, transfer };
  } catch (error) {
    const fsError = error as NodeJS.ErrnoException;
    const unreadable = !(error instanceof AppError) && typeof fsError?.code === "string" && typeof fsError.path === "string";
    const code = error instanceof AppError || unreadable ? "invalid_input" : "internal";
    const message = unreadable ? `${fsError.path}: cannot read the file (${fsError.code})` : error instanceof Error ? error.message : String(error);
    return { reply: { id: job.id, ok: false, error: { code, message } }, transfer: [] };
  }
}
