import "server-only";
import { decodeLabelMapWith, type DecodeOptions, type LabelMap } from "@/lib/core/masks";
import { MAX_IMAGE_PIXELS } from "@/lib/server/limits";
import { loadServerKernels } from "@/lib/server/wasm-kernels";
import { nodeZlibHostFor } from "./native-zlib";

/**
 * Decodes a PNG label map on the server with node:zlib's native inflate and
 * lib/core/masks' own unfiltering (4–7x faster than the pure-JS decoder); with
 * `opts.wasmSlot` it inflates straight into that slot (see DecodeOptions). Same
 * contract and errors as `decodeLabelMap`; the pixel limit defaults to the
 * server's one (MAX_IMAGE_PIXELS), so the engine, stored predictions and
 * views all refuse what an import would refuse.
 */
export function decodeMask(bytes: Uint8Array, opts?: DecodeOptions): LabelMap {
  loadServerKernels();
  return decodeLabelMapWith(bytes, nodeZlibHostFor(bytes, opts?.fileName), { maxPixels: MAX_IMAGE_PIXELS, ...opts });
}
