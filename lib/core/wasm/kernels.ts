/**
 * The WebAssembly kernels of lib/core (source: ./assembly/kernel.ts, built
 * from the repo by `npm run build:wasm` into lib/core/wasm/build/kernel.wasm):
 * PNG unfiltering, the 8-bit pair histogram and boundary IoU counts. Core cannot read files, so
 * the host (CLI, server, bench) reads the bytes and calls initWasmKernels once
 * per thread; until then, or when it fails, every caller runs the TypeScript
 * reference, which gives the same results.
 *
 * Memory layout (managed here, above the module's static data): the 65536
 * u32 pair counts, the boundary kernel's scratch (BOUNDARY_SCRATCH_BYTES),
 * then two equal "slots" that hold decoded label maps (or copies of them)
 * for the kernels to work on without further copies.
 */

interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  count8(gt: number, pred: number, n: number, hist: number): void;
  unfilter(buf: number, rowBytes: number, height: number, bpp: number): number;
  swap16(buf: number, count: number): void;
  boundary8(g: number, p: number, width: number, height: number, d: number, scratch: number): void;
  boundaryScratchBytes(width: number): number;
}

export interface WasmKernels {
  exports: KernelExports;
  /** Byte offset of the pair-count table: 65536 u32, (g << 8) | p. */
  hist: number;
  /** Byte offset of the boundary kernel's scratch (BOUNDARY_SCRATCH_BYTES long). */
  boundaryScratch: number;
  /** Byte offsets of slot 0 and slot 1. */
  slots: [number, number];
  /** Capacity of each slot in bytes (a multiple of 16). */
  slotBytes: number;
}

const PAGE = 65536;
const HIST_BYTES = 65536 * 4;
/** The boundary kernel's scratch: ~4 bytes per column plus 5 kB, so maps up to ~31,000 pixels wide. */
export const BOUNDARY_SCRATCH_BYTES = 128 * 1024;
const FIXED_BYTES = HIST_BYTES + BOUNDARY_SCRATCH_BYTES;
/** Largest slot: bigger images take the TypeScript path (the PNG header bounds what a valid image needs). */
export const MAX_SLOT_BYTES = 256 * 2 ** 20;

let kernels: WasmKernels | null = null;
let histView: Uint32Array | null = null;

function isKernelExports(e: WebAssembly.Exports): e is WebAssembly.Exports & KernelExports {
  return (
    e.memory instanceof WebAssembly.Memory &&
    ["heapBase", "count8", "unfilter", "swap16", "boundary8", "boundaryScratchBytes"].every((name) => typeof e[name] === "function")
  );
}

/**
 * Compiles and instantiates the kernels (synchronously) for this thread.
 * Returns false, and leaves the TypeScript path in place, when the bytes are
 * not the expected module or WebAssembly (with SIMD) is unavailable.
 */
export function initWasmKernels(source: BufferSource | WebAssembly.Module): boolean {
  try {
    const module = source instanceof WebAssembly.Module ? source : new WebAssembly.Module(source);
    const exports = new WebAssembly.Instance(module, {}).exports;
    if (!isKernelExports(exports)) return false;
    const hist = exports.heapBase();
    kernels = { exports, hist, boundaryScratch: hist + HIST_BYTES, slots: [hist + FIXED_BYTES, hist + FIXED_BYTES], slotBytes: 0 };
    histView = null;
    grow(kernels, hist + FIXED_BYTES);
    return true;
  } catch {
    kernels = null;
    return false;
  }
}

/** The kernels of this thread, or null when initWasmKernels has not succeeded. */
export function wasmKernels(): WasmKernels | null {
  return kernels;
}

/** Back to the TypeScript path (tests compare both on one thread). */
export function disableWasmKernels(): void {
  kernels = null;
  histView = null;
}

function grow(k: WasmKernels, bytes: number): void {
  const memory = k.exports.memory;
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
}

/**
 * Makes both slots hold at least `bytes` bytes. Growing the memory detaches
 * every view on it, so a caller that keeps label maps in slots reserves room
 * for all of them before decoding the first. Returns false (nothing changed)
 * when `bytes` exceeds MAX_SLOT_BYTES or the memory cannot grow.
 */
export function reserveSlots(k: WasmKernels, bytes: number): boolean {
  if (bytes <= k.slotBytes) return true;
  if (!(bytes <= MAX_SLOT_BYTES)) return false;
  const slotBytes = Math.ceil(Math.min(bytes * 1.25, MAX_SLOT_BYTES) / 16) * 16;
  const first = k.hist + FIXED_BYTES;
  try {
    grow(k, first + 2 * slotBytes);
  } catch {
    return false;
  }
  k.slots = [first, first + slotBytes];
  k.slotBytes = slotBytes;
  return true;
}

/** The bytes of wasm memory [at, at + length) as a view (valid until the memory grows). */
export function memoryView(k: WasmKernels, at: number, length: number): Uint8Array {
  return new Uint8Array(k.exports.memory.buffer, at, length);
}

/** True when `a` is a view on this module's memory. */
export function inWasmMemory(k: WasmKernels, a: ArrayBufferView): boolean {
  return a.buffer === k.exports.memory.buffer;
}

/** The pair-count table as a view (re-made when the memory has grown). */
export function pairCounts(k: WasmKernels): Uint32Array {
  if (histView === null || histView.buffer !== k.exports.memory.buffer) {
    histView = new Uint32Array(k.exports.memory.buffer, k.hist, 65536);
  }
  return histView;
}

/**
 * Where two equal-length 8-bit label maps are in wasm memory for a kernel:
 * in place when both live there; when only one does, the other is copied
 * into the slot it does not occupy; else both are copied into the slots (two
 * memcpys cost less than any kernel's TypeScript path). Returns the byte
 * offsets [gt, pred], or null when the one input in wasm memory is not
 * within a slot (a copy could overwrite it) or the inputs do not fit.
 */
export function placePair8(k: WasmKernels, gt: Uint8Array, pred: Uint8Array): [number, number] | null {
  const n = gt.length;
  const gtIn = inWasmMemory(k, gt);
  const predIn = inWasmMemory(k, pred);
  if (gtIn && predIn) return [gt.byteOffset, pred.byteOffset];
  if (gtIn || predIn) {
    // No reserveSlots here: growing the memory would detach the input that lives in it.
    const held = slotHolding(k, gtIn ? gt : pred);
    if (held < 0 || n > k.slotBytes) return null;
    const free = k.slots[1 - held];
    memoryView(k, free, n).set(gtIn ? pred : gt);
    return gtIn ? [gt.byteOffset, free] : [free, pred.byteOffset];
  }
  if (!reserveSlots(k, n)) return null;
  const [a, b] = k.slots;
  memoryView(k, a, n).set(gt);
  memoryView(k, b, n).set(pred);
  return [a, b];
}

/** The slot (0 or 1) that wholly holds the wasm-memory view `a`, else -1. */
function slotHolding(k: WasmKernels, a: Uint8Array): number {
  for (let s = 0; s < 2; s++) {
    if (k.slotBytes > 0 && a.byteOffset >= k.slots[s] && a.byteOffset + a.length <= k.slots[s] + k.slotBytes) return s;
  }
  return -1;
}
