import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { decodeLabelMapWith, type DecodeOptions, type LabelMap } from "@/lib/core/masks";
import { initWasmKernels } from "@/lib/core/wasm/kernels";
import { MAX_IMAGE_PIXELS } from "@/lib/server/limits";

let kernelsTried = false;

/** Loads lib/core's WebAssembly kernels once (built by `npm run build:wasm`); without them the TypeScript ones run, same results. */
function loadKernels(): void {
  if (kernelsTried) return;
  kernelsTried = true;
  if (process.env.INTERSECT_WASM === "0") return;
  try {
    initWasmKernels(readFileSync(path.join(process.cwd(), "lib/core/wasm/build/kernel.wasm")));
  } catch {
    // Not built: the TypeScript kernels run.
  }
}

/**
 * Decodes a PNG label map on the server with node:zlib's native inflate and
 * lib/core/masks' own unfiltering (4–7x faster than the pure-JS decoder). Same
 * contract and errors as `decodeLabelMap`; the pixel limit defaults to the
 * server's one (MAX_IMAGE_PIXELS), so the engine, stored predictions and
 * views all refuse what an import would refuse.
 */
export function decodeMask(bytes: Uint8Array, opts?: DecodeOptions): LabelMap {
  loadKernels();
  return decodeLabelMapWith(bytes, (data) => inflateSync(data), { maxPixels: MAX_IMAGE_PIXELS, ...opts });
}
