/**
 * Builds the WebAssembly kernels of lib/core (lib/core/wasm/assembly/kernel.ts
 * -> lib/core/wasm/build/kernel.wasm, tensor.ts -> tensor.wasm) with AssemblyScript's `asc`, a
 * devDependency from the npm registry: nothing prebuilt, nothing downloaded.
 *
 *   node lib/tools/cli/build-wasm.mjs             build (npm run build:wasm, postinstall)
 *   node lib/tools/cli/build-wasm.mjs --if-stale  build only when the output is missing or older than a source
 *   node lib/tools/cli/build-wasm.mjs --optional  (postinstall) as the first, but only a note when asc is not installed
 *
 * ensureKernelWasm(root) is the quiet form intersect.mjs runs before every
 * CLI start (two stat calls when nothing changed). The output is written to
 * a temporary file and renamed, so a concurrent reader never sees half a
 * module. Without asc (a production install), or when the build fails, the
 * kernels are simply absent and lib/core runs its TypeScript reference.
 */
/* global process */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SOURCE_DIR = "lib/core/wasm/assembly";
/** Where the CLI, the server and the bench read the kernels from (relative to the repo root). */
export const KERNEL_WASM = "lib/core/wasm/build/kernel.wasm";
/** The model-output kernels (argmax), a module of their own (own memory). */
export const TENSOR_WASM = "lib/core/wasm/build/tensor.wasm";
/** Each module and its entry source. */
const MODULES = [
  [KERNEL_WASM, `${SOURCE_DIR}/kernel.ts`],
  [TENSOR_WASM, `${SOURCE_DIR}/tensor.ts`],
];
const ASC_FLAGS = ["--enable", "simd", "-O3", "--runtime", "stub", "--noAssert"];

/** True when a built module is missing or older than any file of the source folder. */
export function kernelWasmStale(root) {
  let built;
  try {
    built = Math.min(...MODULES.map(([out]) => statSync(path.join(root, out)).mtimeMs));
  } catch {
    return true;
  }
  const dir = path.join(root, SOURCE_DIR);
  return readdirSync(dir).some((f) => statSync(path.join(dir, f)).mtimeMs > built);
}

/** Runs asc for every module; returns null on success, else why it failed. `stdio` "inherit" shows asc's messages. */
export function buildKernelWasm(root, stdio = "pipe") {
  const asc = path.join(root, "node_modules/assemblyscript/bin/asc.js");
  if (!existsSync(asc)) return "assemblyscript is not installed (npm install includes it as a devDependency)";
  for (const [file, entry] of MODULES) {
    const out = path.join(root, file);
    mkdirSync(path.dirname(out), { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    const run = spawnSync(process.execPath, ["--enable-source-maps", asc, entry, ...ASC_FLAGS, "-o", tmp], { cwd: root, stdio, encoding: "utf8" });
    if (run.status !== 0) {
      rmSync(tmp, { force: true });
      return `asc exited with ${run.status ?? run.signal} on ${entry}${run.stderr ? `: ${run.stderr.trim()}` : ""}`;
    }
    renameSync(tmp, out);
  }
  return null;
}

/** Builds the kernels when stale and asc is there; never throws. Returns the module's absolute path when it exists. */
export function ensureKernelWasm(root) {
  try {
    if (kernelWasmStale(root)) buildKernelWasm(root);
  } catch {
    // The TypeScript kernels run instead.
  }
  const out = path.join(root, KERNEL_WASM);
  return existsSync(out) ? out : null;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
  if (process.argv.includes("--if-stale") && !kernelWasmStale(root)) process.exit(0);
  const asc = path.join(root, "node_modules/assemblyscript/bin/asc.js");
  if (process.argv.includes("--optional") && !existsSync(asc)) {
    process.stderr.write("build-wasm: assemblyscript is not installed (production install?): the TypeScript kernels will run\n");
    process.exit(0);
  }
  const error = buildKernelWasm(root, "inherit");
  if (error) {
    process.stderr.write(`build-wasm: ${error}\n`);
    process.exit(1);
  }
}
