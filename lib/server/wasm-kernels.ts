import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { initWasmKernels } from "@/lib/core/wasm/kernels";
import { initTensorKernels } from "@/lib/core/wasm/tensor-kernels";

let tried = false;

/**
 * Loads lib/core's WebAssembly kernels into this thread once (built by
 * `npm run build:wasm` into lib/core/wasm/build): PNG unfiltering and pair
 * counting (kernel.wasm), model tensors: argmax of scores and RGB into float
 * planes (tensor.wasm). A module that
 * is missing or does not load leaves its TypeScript reference in place (same
 * results), so this never fails; INTERSECT_WASM=0 keeps TypeScript everywhere.
 */
export function loadServerKernels(): void {
  if (tried) return;
  tried = true;
  if (process.env.INTERSECT_WASM === "0") return;
  const build = path.join(process.cwd(), "lib/core/wasm/build");
  for (const [file, init] of [["kernel.wasm", initWasmKernels], ["tensor.wasm", initTensorKernels]] as const) {
    try {
      init(readFileSync(path.join(build, file)));
    } catch {
      // Not built: the TypeScript kernels run.
    }
  }
}
