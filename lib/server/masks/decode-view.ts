import "server-only";
import { createInflate } from "node:zlib";
import { AppError } from "@/lib/core/errors";
import type { DecodeOptions, LabelMap } from "@/lib/core/masks";
import { createDownsampleDecoder, downsampleNearest, viewSize } from "@/lib/core/masks/decode-view";
import { checkPixelLimit, invalidPng, readImageData, readPngHeader } from "@/lib/core/masks/png-chunks";
import { MAX_IMAGE_PIXELS } from "@/lib/server/limits";
import { decodeMask } from "./decode-mask";

/**
 * Decodes a PNG label map straight to at most `maxSide` pixels on its long
 * side (nearest neighbour), inflating with a node:zlib stream: memory is a
 * band of rows and the output, not the full image (interlaced PNGs, rare for
 * label maps, are decoded whole and then downsampled). Same values and errors
 * as decodeMask, including the server's pixel limit.
 */
export async function decodeMaskForView(bytes: Uint8Array, maxSide: number, opts: DecodeOptions = {}): Promise<LabelMap> {
  const fileName = opts.fileName ?? "label map";
  const header = readPngHeader(bytes, fileName);
  checkPixelLimit(header, fileName, opts.maxPixels ?? MAX_IMAGE_PIXELS);
  const size = viewSize(header.width, header.height, maxSide);
  if (header.interlaced) return downsampleNearest(decodeMask(bytes, opts), size.width, size.height);
  const decoder = createDownsampleDecoder(header, size, opts);
  const inflater = createInflate({ chunkSize: 256 * 1024 });
  inflater.end(readImageData(bytes, fileName));
  try {
    for await (const chunk of inflater) decoder.push(chunk as Buffer);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalidPng(fileName, `the image data does not inflate: ${error instanceof Error ? error.message : String(error)}`, error);
  } finally {
    inflater.destroy();
  }
  return decoder.finish();
}
