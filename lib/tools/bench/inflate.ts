import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { channelsOf, readImageData, readPngHeader } from "@/lib/core/masks/png-chunks";

/** A PNG's zlib stream and the size of what it inflates to (filter bytes included). */
export interface IdatStream {
  data: Uint8Array;
  /** height x (row bytes + 1) for a non-interlaced image; only a buffer-size hint for zlib. */
  rawBytes: number;
}

/**
 * The zlib stream of a PNG file (its IDAT payloads, joined), through lib/core/masks'
 * own chunk reader: the header is validated and every chunk's CRC checked, as
 * the CLI does before it inflates.
 */
export function extractIdat(bytes: Uint8Array, fileName: string): IdatStream {
  const { width, height, bitDepth, colorType } = readPngHeader(bytes, fileName);
  const rawBytes = height * (Math.ceil((width * channelsOf(colorType) * bitDepth) / 8) + 1);
  return { data: readImageData(bytes, fileName), rawBytes };
}

/** IDAT streams of the given files, read and extracted up front so that only inflating is timed. */
export function loadIdatStreams(files: readonly string[]): IdatStream[] {
  return files.map((f) => extractIdat(readFileSync(f), f));
}

/**
 * Inflates every stream once with node:zlib on this thread and returns the
 * seconds taken and the bytes produced: the floor any PNG decoder on one
 * core can approach. The output buffer is sized from the header, as the CLI's
 * fallback sizes it (zlib's default 16 KiB pieces take ~1.6x longer on full-HD
 * masks); the CLI itself inflates into wasm memory through zlib's handle
 * (lib/server/masks/native-zlib.ts), ~15-20 % faster than this on these masks.
 */
export function timeInflate(streams: readonly IdatStream[]): { seconds: number; outputBytes: number } {
  let outputBytes = 0;
  const t0 = performance.now();
  for (const s of streams) outputBytes += inflateSync(s.data, { chunkSize: Math.max(64, s.rawBytes) }).length;
  return { seconds: (performance.now() - t0) / 1000, outputBytes };
}
