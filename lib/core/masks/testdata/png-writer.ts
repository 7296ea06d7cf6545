/**
 * Test-only PNG writer: lib/core/png's writer (independent of fast-png and of
 * lib/core/masks' decoder) with node:zlib at level 6. Exercises every filter
 * type at every bit depth and colour type, split IDAT streams and ancillary
 * chunks.
 */
import zlib from "node:zlib";
import { writePng, type PngWriterSpec } from "@/lib/core/png/png-writer";

export type FilteredPngSpec = PngWriterSpec & { filters?: readonly number[] };

/** Builds the PNG file bytes for `spec` (filter types cycle per row; default [0]). */
export function encodeFilteredPng(spec: FilteredPngSpec): Uint8Array {
  return writePng(spec, (raw) => zlib.deflateSync(raw, { level: 6 }));
}
