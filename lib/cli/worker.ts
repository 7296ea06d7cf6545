/**
 * Worker thread of the CLI pool: reads, decodes and counts the pairs it is
 * sent, one at a time, and posts back only the small per-image result.
 * Started by lib/cli/pool.ts with the PairSettings as workerData.
 */
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { inflateSync } from "node:zlib";
import { AppError } from "@/lib/errors";
import { decodeLabelMapWith, readPngHeader } from "@/lib/masks";
import { createPairScratch, evaluatePair, type MaskDecoder, type PairSettings } from "./evaluate-pair";
import type { JobMessage, ReplyMessage } from "./pool";

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Native zlib inflates about twice as fast as a JS inflater; decodeLabelMapWith
 * lets the worker supply it. The output buffer is sized from the header
 * (rows x (row bytes + filter byte)) so that zlib writes one chunk instead of
 * concatenating 16 KiB pieces, and capped at 8 bytes per pixel so that a
 * forged stream cannot blow up memory.
 */
const decode: MaskDecoder = (bytes, opts) => {
  const { width, height, bitDepth, colorType } = readPngHeader(bytes, opts.fileName);
  const expected = height * (Math.ceil((width * (CHANNELS[colorType] ?? 4) * bitDepth) / 8) + 1);
  const maxOutputLength = Math.min(height * (width * 8 + 1), 2 ** 31 - 1);
  const chunkSize = Math.max(64, Math.min(expected, maxOutputLength));
  return decodeLabelMapWith(bytes, (data) => inflateSync(data, { chunkSize, maxOutputLength }), opts);
};

const settings = workerData as PairSettings;
const scratch = createPairScratch(settings);
const port = parentPort!;

port.on("message", (job: JobMessage<{ name: string; gtPath: string; predPath: string }>) => {
  let reply: ReplyMessage<ReturnType<typeof evaluatePair>>;
  const transfer: ArrayBuffer[] = [];
  try {
    const { name, gtPath, predPath } = job.payload;
    const result = evaluatePair(
      name,
      { gtPath, gtBytes: readFileSync(gtPath), predPath, predBytes: readFileSync(predPath) },
      settings,
      decode,
      scratch,
    );
    reply = { id: job.id, ok: true, result };
    transfer.push(result.sparse.buffer as ArrayBuffer, result.boundaryIntersection.buffer as ArrayBuffer, result.boundaryUnion.buffer as ArrayBuffer, result.iou.buffer as ArrayBuffer);
  } catch (error) {
    const fsError = error as NodeJS.ErrnoException;
    const unreadable = !(error instanceof AppError) && typeof fsError?.code === "string" && typeof fsError.path === "string";
    const code = error instanceof AppError || unreadable ? "invalid_input" : "internal";
    const message = unreadable ? `${fsError.path}: cannot read the file (${fsError.code})` : error instanceof Error ? error.message : String(error);
    reply = { id: job.id, ok: false, error: { code, message } };
  }
  port.postMessage(reply, transfer);
});
