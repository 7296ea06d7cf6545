/**
 * The model-output kernels (source: ./assembly/tensor.ts, built by
 * `npm run build:wasm` into lib/core/wasm/build/tensor.wasm): argmax over
 * score planes with WebAssembly SIMD. A module of its own, so its memory
 * (scores copied in, labels out, reused from image to image) never moves
 * the label maps kept in kernel.wasm's slots. Core cannot read files: the
 * host calls initTensorKernels once per thread; until then, or when it
 * fails, callers run the TypeScript reference, which gives the same labels.
 */

interface TensorExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  argmaxPlanesF32(src: number, c: number, n: number, out: number): void;
}

const PAGE = 65536;
/** Largest score tensor taken by the kernel (bigger ones run in TypeScript rather than keep a huge memory). */
export const MAX_TENSOR_BYTES = 512 * 2 ** 20;

let tensor: { exports: TensorExports; base: number; module: WebAssembly.Module } | null = null;

function isTensorExports(e: WebAssembly.Exports): e is WebAssembly.Exports & TensorExports {
  return e.memory instanceof WebAssembly.Memory && typeof e.heapBase === "function" && typeof e.argmaxPlanesF32 === "function";
}

/**
 * Compiles and instantiates the kernels (synchronously) for this thread.
 * Returns false, leaving the TypeScript path in place, when the bytes are not
 * the expected module or WebAssembly SIMD is unavailable.
 */
export function initTensorKernels(source: BufferSource | WebAssembly.Module): boolean {
  try {
    const module = source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source);
    const exports = new WebAssembly.Instance(module, {}).exports;
    if (!isTensorExports(exports)) return false;
    tensor = { exports, base: exports.heapBase(), module };
    return true;
  } catch {
    tensor = null;
    return false;
  }
}

/** True when initTensorKernels has succeeded on this thread. */
export function tensorKernelsActive(): boolean {
  return tensor !== null;
}

/** The compiled module, for worker threads that run the same kernels on their own instance (null when not loaded). */
export function tensorKernelModule(): WebAssembly.Module | null {
  return tensor?.module ?? null;
}

/** Back to the TypeScript path (tests compare both on one thread). */
export function disableTensorKernels(): void {
  tensor = null;
}

/**
 * Argmax over `c` planes of `n` float32 scores into `labels` (first maximum
 * wins, NaN never wins, all-NaN pixels get 0). Returns false, touching
 * nothing, when the kernels are not loaded, c is outside 1..256, or the
 * tensor exceeds MAX_TENSOR_BYTES; the caller then runs the reference.
 */
export function argmaxPlanesWasm(scores: Float32Array, c: number, n: number, labels: Uint8Array): boolean {
  if (tensor === null || c < 1 || c > 256 || n < 1 || scores.length < c * n || labels.length < n) return false;
  const scoreBytes = c * n * 4;
  const outAt = tensor.base + Math.ceil(scoreBytes / 16) * 16;
  const end = outAt + n;
  if (scoreBytes > MAX_TENSOR_BYTES) return false;
  const memory = tensor.exports.memory;
  try {
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
  } catch {
    return false;
  }
  new Float32Array(memory.buffer, tensor.base, c * n).set(scores.subarray(0, c * n));
  tensor.exports.argmaxPlanesF32(tensor.base, c, n, outAt);
  labels.set(new Uint8Array(memory.buffer, outAt, n));
  return true;
}
