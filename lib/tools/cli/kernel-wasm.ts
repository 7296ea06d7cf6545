import { readFileSync } from "node:fs";
import { initWasmKernels, wasmKernels } from "@/lib/core/wasm/kernels";

/** Path of the built kernels, set by lib/tools/cli/intersect.mjs (the bundle cannot find the repo from its own location). */
export const KERNEL_WASM_ENV = "INTERSECT_KERNEL_WASM";
/** INTERSECT_WASM=0 keeps the TypeScript kernels (for comparisons and debugging). */
export const WASM_SWITCH_ENV = "INTERSECT_WASM";

let tried = false;

/**
 * Loads lib/core/wasm's kernels into this thread, once: from
 * $INTERSECT_KERNEL_WASM, else from lib/core/wasm/build/kernel.wasm beside
 * the sources (runs through tsx). Returns whether they are active; when the
 * module is missing or does not load, lib/core runs its TypeScript kernels,
 * which give the same results, so this never fails.
 */
export function loadKernelWasm(): boolean {
  if (tried) return wasmKernels() !== null;
  tried = true;
  if (process.env[WASM_SWITCH_ENV] === "0") return false;
  const file = process.env[KERNEL_WASM_ENV] || new URL("../../core/wasm/build/kernel.wasm", import.meta.url);
  try {
    return initWasmKernels(readFileSync(file));
  } catch {
    return false;
  }
}
