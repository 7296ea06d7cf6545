/** Test helper: the built kernels' bytes, building them first (lib/tools/cli/build-wasm.mjs) when missing or stale. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

export function kernelWasmBytes(): Uint8Array {
  const build = spawnSync(process.execPath, ["lib/tools/cli/build-wasm.mjs", "--if-stale"], { cwd: root, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`building the WebAssembly kernels failed: ${build.stderr}`);
  return readFileSync(path.join(root, "lib/core/wasm/build/kernel.wasm"));
}

/** Test helper: the built model-output kernels (tensor.wasm), built first when missing or stale. */
export function tensorWasmBytes(): Uint8Array {
  kernelWasmBytes();
  return readFileSync(path.join(root, "lib/core/wasm/build/tensor.wasm"));
}
