import { deflateSync } from "node:zlib";
import { writePng } from "@/lib/core/png/png-writer";

/**
 * Writes an 8-bit grey or RGB PNG the way common tools (libpng, Pillow) do:
 * each row gets the filter (None/Sub/Up/Average/Paeth) with the smallest sum
 * of absolute signed residuals, then zlib level 6. Benchmark and test masks
 * written this way decode like real-world ones (CamVid's masks use Sub, Up
 * and Paeth rows), unlike a "filter None" writer that flatters a decoder.
 * The writer (lib/core/png) is kept apart from lib/core/masks on purpose:
 * the data that checks the decoder is not made by it.
 */
export function encodePngAdaptive(width: number, height: number, data: Uint8Array, channels: 1 | 3 = 1): Uint8Array {
  if (data.length !== width * height * channels) throw new Error(`encodePngAdaptive: ${data.length} bytes do not fill ${width}x${height}x${channels}`);
  return writePng({ width, height, colorType: channels === 1 ? 0 : 2, depth: 8, rows: data, filters: "adaptive" }, (raw) =>
    deflateSync(raw, { level: 6 }),
  );
}
