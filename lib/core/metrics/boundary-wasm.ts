/**
 * accumulateBoundary's WebAssembly path for 8-bit maps: the kernel in
 * lib/core/wasm/assembly/boundary.ts, with the TypeScript sweep
 * (boundary-sweep.ts) as the reference it is tested against.
 */
import { BOUNDARY_SCRATCH_BYTES, memoryView, placePair8, wasmKernels } from "@/lib/core/wasm/kernels";
import type { BoundaryCounts } from "./boundary";
import { ignoreTable } from "./boundary-codes";

/** Largest boundary width the kernel takes: its per-column counters are bytes that count up to 2d + 1. */
export const MAX_WASM_D = 127;

/**
 * Adds the boundary counts of one 8-bit (ground truth, prediction) pair of
 * width x height pixels, boundary width d, into `into`, by the WebAssembly
 * kernel. Returns false, having added nothing, when the kernels are not
 * initialised on this thread, d > MAX_WASM_D, the width needs more scratch
 * than the kernels keep (~31,000 pixels), or the maps cannot be placed in
 * wasm memory; the caller then takes the TypeScript path.
 */
export function countBoundary8Wasm(into: BoundaryCounts, gt: Uint8Array, pred: Uint8Array, width: number, height: number, d: number, ignore: readonly number[]): boolean {
  const k = wasmKernels();
  if (k === null || d > MAX_WASM_D || k.exports.boundaryScratchBytes(width) > BOUNDARY_SCRATCH_BYTES) return false;
  const at = placePair8(k, gt, pred);
  if (at === null) return false;
  const s = k.boundaryScratch;
  memoryView(k, s, 256).set(ignoreTable(ignore).subarray(0, 256));
  k.exports.boundary8(at[0], at[1], width, height, d, s);
  // Ground-truth boundary, prediction boundary and both, by raw label; labels past the class list are dropped.
  const t = new Uint32Array(k.exports.memory.buffer, s + 256, 768);
  const classes = Math.min(into.numClasses, 256);
  for (let c = 0; c < classes; c++) {
    const both = t[512 + c];
    into.intersection[c] += both;
    into.union[c] += t[c] + t[256 + c] - both;
  }
  return true;
}
