import { inWasmMemory, MAX_SLOT_BYTES, memoryView, reserveSlots, wasmKernels } from "@/lib/core/wasm/kernels";
import { channelsOf, invalidPng, readPngHeader } from "./png-chunks";
import { DEFAULT_MAX_PIXELS } from "./types";

/** Below this many inflated bytes an image without a slot stays on the TypeScript path (the copies would cost more than they save). */
const MIN_COPY_BYTES = 4096;

/** Which of the two wasm slots a decoded label map may live in (see DecodeOptions.wasmSlot). */
export type WasmSlot = 0 | 1;

/**
 * The whole of a wasm slot as a view, for inflating an image straight into
 * it (the unfilter then skips its copy); null when the kernels are not
 * initialised or the slots were not reserved. Valid until the memory grows.
 */
export function slotTarget(slot: WasmSlot): Uint8Array | null {
  const k = wasmKernels();
  return k === null || k.slotBytes === 0 ? null : memoryView(k, k.slots[slot], k.slotBytes);
}

/**
 * Reverses PNG row filtering with the WebAssembly kernel (lib/core/wasm):
 * `inflated` (height rows of a filter byte plus rowBytes bytes) is copied
 * into wasm memory, unless it already starts the slot (see slotTarget), and
 * unfiltered there. With a slot, the packed raw rows are
 * returned as a view on that slot (no copy back; valid until the slot is
 * reused or the memory grows); without one they are copied back into
 * `inflated` and a view on it is returned. Returns null, having changed
 * nothing, when the kernels are not initialised or the image does not fit:
 * the caller then runs the TypeScript reference (unfilterInPlace), which
 * gives the same bytes and the same errors.
 */
export function unfilterWithWasm(inflated: Uint8Array, rowBytes: number, height: number, bpp: number, fileName: string, slot?: WasmSlot): Uint8Array | null {
  const k = wasmKernels();
  if (k === null) return null;
  const total = height * (rowBytes + 1);
  // A slot is never grown here: that would detach the label map in the other slot.
  if (slot === undefined ? total < MIN_COPY_BYTES || !reserveSlots(k, total) : total > k.slotBytes) return null;
  const at = k.slots[slot ?? 0];
  if (!inWasmMemory(k, inflated) || inflated.byteOffset !== at) memoryView(k, at, total).set(inflated.subarray(0, total));
  const bad = k.exports.unfilter(at, rowBytes, height, bpp);
  if (bad >= 0) {
    throw invalidPng(fileName, `unknown filter type ${memoryView(k, at + bad * (rowBytes + 1), 1)[0]} in row ${bad}`);
  }
  const raw = memoryView(k, at, height * rowBytes);
  if (slot !== undefined) return raw;
  inflated.set(raw);
  return inflated.subarray(0, raw.length);
}

/** Byte-swaps `count` 16-bit samples in place with the kernel when `bytes` lies in wasm memory (16-aligned slots); false otherwise. */
export function swap16WithWasm(bytes: Uint8Array, count: number): boolean {
  const k = wasmKernels();
  if (k === null || !inWasmMemory(k, bytes) || bytes.byteOffset % 2 !== 0) return false;
  k.exports.swap16(bytes.byteOffset, count);
  return true;
}

/**
 * Prepares both wasm slots for decoding these PNGs into them (slot i for
 * pngs[i]) before any is decoded, since growing the memory later would
 * detach the first map. Returns false when the kernels are not initialised;
 * an image that is unreadable, interlaced or larger than maxPixels (or the
 * slot limit) simply decodes
 * outside the slots (its errors come from the decoder, as usual).
 */
export function reserveDecodeSlots(pngs: readonly Uint8Array[], maxPixels = DEFAULT_MAX_PIXELS): boolean {
  const k = wasmKernels();
  if (k === null) return false;
  let need = 0;
  for (const bytes of pngs) {
    try {
      const { width, height, bitDepth, colorType, interlaced } = readPngHeader(bytes);
      if (interlaced || width * height > maxPixels) continue;
      const inflated = height * (Math.ceil((width * bitDepth * channelsOf(colorType)) / 8) + 1);
      if (inflated <= MAX_SLOT_BYTES) need = Math.max(need, inflated);
    } catch {
      // The decoder reports it.
    }
  }
  reserveSlots(k, need);
  return true;
}
