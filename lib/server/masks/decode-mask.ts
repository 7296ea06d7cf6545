import { inflateSync } from "node:zlib";
import { decodeLabelMapWith, type DecodeOptions, type LabelMap } from "@/lib/core/masks";

/**
 * Decodes a PNG label map on the server with node:zlib's native inflate and
 * lib/core/masks' own unfiltering (4–7x faster than the pure-JS decoder). Same
 * contract and errors as `decodeLabelMap`.
 */
export function decodeMask(bytes: Uint8Array, opts?: DecodeOptions): LabelMap {
  return decodeLabelMapWith(bytes, (data) => inflateSync(data), opts);
}
