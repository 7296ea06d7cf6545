import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeLabelMap } from "@/lib/core/masks";
import { seededInts } from "@/lib/core/masks/testdata/test-helpers";
import { reserveDecodeSlots } from "@/lib/core/masks/unfilter-wasm";
import { inWasmMemory, wasmKernels } from "@/lib/core/wasm/kernels";
import { writePng } from "@/lib/core/png/png-writer";
import { loadServerKernels } from "@/lib/server/wasm-kernels";
import { decodeMask } from "./decode-mask";

describe("decodeMask", () => {
  it("gives fast-png's labels for masks split over several IDAT chunks, inflated into a wasm slot or not", () => {
    loadServerKernels();
    const rand = seededInts(5);
    const deflate = (raw: Uint8Array) => zlib.deflateSync(raw);
    for (let t = 0; t < 24; t++) {
      const width = 30 + rand(300);
      const height = 20 + rand(60);
      const depth = t % 3 === 0 ? 16 : 8;
      const rows = Array.from({ length: width * height }, (_, i) => ((i % width) >> 3) % (depth === 16 ? 700 : 12));
      const png = writePng({ width, height, colorType: 0, depth, rows, filters: [t % 5], idatChunks: 1 + (t % 4) }, deflate);
      const want = Array.from(decodeLabelMap(png).data);
      expect(Array.from(decodeMask(png).data), `case ${t}`).toEqual(want);
      const k = wasmKernels();
      if (k === null) continue; // no kernels built: the slot option is ignored
      expect(reserveDecodeSlots([png, png])).toBe(true);
      const inSlot = decodeMask(png, { wasmSlot: 1 });
      expect(inWasmMemory(k, inSlot.data), `case ${t} in slot 1`).toBe(true);
      expect(Array.from(inSlot.data), `case ${t} in slot 1`).toEqual(want);
    }
  });
});
