/**
 * The model tensor kernels (source: ./assembly/tensor.ts, built by
 * `npm run build:wasm` into lib/core/wasm/build/tensor.wasm): argmax over
 * score planes with WebAssembly SIMD, and 8-bit RGB into float planes. A
 * module of its own, so its memory (reused from image to image) never moves
 * the label maps kept in kernel.wasm's slots. Core cannot read files: the
 * host calls initTensorKernels once per thread; until then, or when it
 * fails, callers run the TypeScript reference, which gives the same labels.
 */

interface TensorExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  argmaxPlanesF32(src: number, c: number, n: number, out: number): void;
  rgbToPlanes(src: number, sc: number, sw: number, sh: number, tw: number, cx: number, cy: number, p0: number, p1: number, p2: number, l0: number, l1: number, l2: number): void;
}

const PAGE = 65536;
/** Largest score tensor taken by the kernel (bigger ones run in TypeScript rather than keep a huge memory). */
export const MAX_TENSOR_BYTES = 512 * 2 ** 20;

let tensor: { exports: TensorExports; base: number; module: WebAssembly.Module } | null = null;

function isTensorExports(e: WebAssembly.Exports): e is WebAssembly.Exports & TensorExports {
  return e.memory instanceof WebAssembly.Memory && ["heapBase", "argmaxPlanesF32", "rgbToPlanes"].every((name) => typeof e[name] === "function");
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

/** Grows the module's memory to hold `end` bytes; false when it cannot. */
function fits(memory: WebAssembly.Memory, end: number): boolean {
  try {
    if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
    return true;
  } catch {
    return false;
  }
}

/**
 * Where an image lands in a float32 NCHW tensor: `tw` x `th` tensor pixels,
 * the image's top-left at (`cx`, `cy`), `planeOf[k]` the plane of source
 * channel k, `luts[k]` its 256 float values.
 */
export interface PlanesLayout {
  tw: number;
  th: number;
  cx: number;
  cy: number;
  planeOf: readonly number[];
  luts: readonly Float32Array[];
}

/**
 * Fills `out` (3 planes of tw x th float32) from 8-bit RGB(A) pixels through
 * the per-channel tables, like the TypeScript copy; padding is 0. Returns
 * false, touching nothing, when the kernels are not loaded or the tensor
 * exceeds MAX_TENSOR_BYTES; the caller then runs the reference.
 */
export function rgbToPlanesWasm(image: { data: Uint8Array; width: number; height: number; channels: number }, layout: PlanesLayout, out: Float32Array): boolean {
  const { tw, th, cx, cy } = layout;
  const n = tw * th;
  const srcBytes = image.width * image.height * image.channels;
  if (tensor === null || out.length !== 3 * n || image.data.length < srcBytes || 12 * n > MAX_TENSOR_BYTES) return false;
  const lutAt = tensor.base;
  const srcAt = lutAt + 3 * 1024;
  const planesAt = srcAt + Math.ceil(srcBytes / 16) * 16;
  const memory = tensor.exports.memory;
  if (!fits(memory, planesAt + 12 * n)) return false;
  const floats = new Float32Array(memory.buffer, lutAt, 768);
  layout.luts.forEach((lut, k) => floats.set(lut.subarray(0, 256), 256 * k));
  new Uint8Array(memory.buffer, srcAt, srcBytes).set(image.data.subarray(0, srcBytes));
  const planes = new Float32Array(memory.buffer, planesAt, 3 * n);
  if (image.width < tw || image.height < th) planes.fill(0);
  const [p0, p1, p2] = layout.planeOf.map((k) => planesAt + 4 * n * k);
  tensor.exports.rgbToPlanes(srcAt, image.channels, image.width, image.height, tw, cx, cy, p0, p1, p2, lutAt, lutAt + 1024, lutAt + 2048);
  out.set(planes);
  return true;
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
  if (!fits(memory, end)) return false;
  new Float32Array(memory.buffer, tensor.base, c * n).set(scores.subarray(0, c * n));
  tensor.exports.argmaxPlanesF32(tensor.base, c, n, outAt);
  labels.set(new Uint8Array(memory.buffer, outAt, n));
  return true;
}
