import { afterAll, beforeAll, describe, expect, it } from "vitest";
import zlib from "node:zlib";
import { disableWasmKernels, initWasmKernels, wasmKernels } from "@/lib/core/wasm/kernels";
import { kernelWasmBytes } from "@/lib/core/wasm/testdata/load-kernels";
import { decodeLabelMapWith, type ZlibHost } from "./decode";
import { crc32, joinParts, readImageData } from "./png-chunks";
import { unfilterInPlace } from "./unfilter";
import { reserveDecodeSlots, unfilterWithWasm } from "./unfilter-wasm";
import { encodeFilteredPng } from "./testdata/png-writer";
import { catchAppError, DECODERS, sampleValues, seededInts, TEXTURES, type PngKind } from "./testdata/test-helpers";

// The WebAssembly unfilter (lib/core/wasm/assembly/kernel.ts) against the
// TypeScript one it must equal byte for byte (itself checked against the
// plain specification in unfilter-rows.test.ts), on random sizes, pixel
// sizes, filters, textures and buffer offsets; then whole decodes.

let wasmBytes: Uint8Array;
beforeAll(() => {
  wasmBytes = kernelWasmBytes();
  expect(initWasmKernels(wasmBytes)).toBe(true);
});
afterAll(() => disableWasmKernels());

const KINDS: PngKind[] = [
  { colorType: 0, depth: 8, bpp: 1, channels: 1 },
  { colorType: 0, depth: 16, bpp: 2, channels: 1 },
  { colorType: 0, depth: 4, bpp: 1, channels: 1 },
  { colorType: 4, depth: 8, bpp: 2, channels: 2 },
  { colorType: 2, depth: 8, bpp: 3, channels: 3 },
  { colorType: 6, depth: 8, bpp: 4, channels: 4 },
  { colorType: 6, depth: 16, bpp: 8, channels: 4 },
];
const FILTER_SETS = [[0], [1], [2], [3], [4], [0, 1, 2, 3, 4], [4, 3, 2, 1]];


/** Unfilters the stream with TypeScript and with wasm (from a buffer at `offset`); returns the first differing byte or -1. */
function firstDifference(stream: Uint8Array, rowBytes: number, height: number, bpp: number, offset: number): number {
  const ts = stream.slice();
  unfilterInPlace(ts, rowBytes, height, bpp, "t.png");
  const backing = new Uint8Array(stream.length + 8);
  backing.set(stream, offset);
  const out = unfilterWithWasm(backing.subarray(offset, offset + stream.length), rowBytes, height, bpp, "t.png");
  if (out === null) throw new Error("the wasm path was not taken");
  for (let i = 0; i < rowBytes * height; i++) if (out[i] !== ts[i]) return i;
  return -1;
}

describe("wasm unfilter equals the TypeScript unfilter", () => {
  it("on PNG streams of every kind, filter mix and texture at random sizes and offsets", () => {
    const rand = seededInts(20260);
    let cases = 0;
    for (let t = 0; cases < 300; t++) {
      const kind = KINDS[t % KINDS.length];
      const width = 1 + (t % 5 === 0 ? 1900 + rand(40) : rand(140));
      const height = 1 + rand(t % 5 === 0 ? 6 : 20);
      const rowBytes = Math.ceil((width * kind.depth * kind.channels) / 8);
      if (height * (rowBytes + 1) < 4096) continue;
      const filters = FILTER_SETS[rand(FILTER_SETS.length)];
      const texture = TEXTURES[rand(3)];
      const rows = sampleValues(kind, width, height, texture, t);
      const stream = new Uint8Array(zlib.inflateSync(readImageData(encodeFilteredPng({ width, height, colorType: kind.colorType, depth: kind.depth, rows, filters }), "t.png")));
      const offset = rand(8);
      expect(firstDifference(stream, rowBytes, height, kind.bpp, offset), `case ${t}: ${kind.depth}-bit x${kind.channels} ${width}x${height} filters ${filters} texture ${texture} offset ${offset}`).toBe(-1);
      cases++;
    }
  });

  it("on sparse random filtered bytes (states no real image reaches), every filter, bpp 1, 2, 3, 4 and 8", () => {
    const rand = seededInts(4243);
    for (const bpp of [1, 2, 3, 4, 8]) {
      for (const width of [1, 5, 16, 17, 33, 480, 1921]) {
        const rowBytes = width * bpp;
        const height = Math.max(3, Math.ceil(4096 / (rowBytes + 1)));
        for (const filter of [0, 1, 2, 3, 4, -1]) {
          const stream = new Uint8Array(height * (rowBytes + 1));
          for (let y = 0; y < height; y++) {
            stream[y * (rowBytes + 1)] = filter < 0 ? rand(5) : filter;
            for (let i = 1; i <= rowBytes; i++) if (rand(12) === 0) stream[y * (rowBytes + 1) + i] = rand(4) === 0 ? rand(256) : [1, 255, 2, 128][rand(4)];
          }
          expect(firstDifference(stream, rowBytes, height, bpp, rand(8)), `bpp ${bpp} width ${width} filter ${filter}`).toBe(-1);
        }
      }
    }
  });

  it("on label-like 8-bit masks: region edges that shift from row to row, speckles, every filter", () => {
    const rand = seededInts(3131);
    for (let t = 0; t < 80; t++) {
      const width = 16 + rand(t % 4 === 0 ? 2000 : 300);
      const height = Math.max(8 + rand(40), Math.ceil(4096 / (width + 1)));
      const edges = Array.from({ length: 1 + rand(6) }, () => ({ x: rand(width), slope: (rand(9) - 4) / (1 + rand(4)), value: rand(20) }));
      const speckle = [0, 50, 400][t % 3];
      const rows: number[] = [];
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          let v = 0;
          for (const e of edges) if (x >= e.x + e.slope * y) v = e.value;
          rows.push(speckle > 0 && rand(speckle) === 0 ? rand(256) : v);
        }
      }
      const filters = FILTER_SETS[t % FILTER_SETS.length];
      const stream = new Uint8Array(zlib.inflateSync(readImageData(encodeFilteredPng({ width, height, colorType: 0, depth: 8, rows, filters }), "t.png")));
      expect(firstDifference(stream, width, height, 1, rand(8)), `case ${t}: ${width}x${height} filters ${filters} speckle ${speckle}`).toBe(-1);
    }
  });

  it("refuses an unknown filter type with the TypeScript path's message", () => {
    const stream = new Uint8Array(3 * 2049);
    stream[2049 * 2] = 9;
    const ts = catchAppError(() => unfilterInPlace(stream.slice(), 2048, 3, 1, "f.png"));
    const wasm = catchAppError(() => unfilterWithWasm(stream.slice(), 2048, 3, 1, "f.png"));
    expect(wasm.message).toBe(ts.message);
  });
});

describe("decoding with the wasm kernels", () => {
  const [, [, own]] = DECODERS;

  it("gives the same label maps as without them, with and without slots", () => {
    const rand = seededInts(77);
    for (let t = 0; t < 60; t++) {
      const kind = KINDS[t % KINDS.length];
      if (kind.colorType === 2 || kind.colorType === 6) continue;
      const width = 40 + rand(400);
      const height = 10 + rand(30);
      const rows = sampleValues(kind, width, height, TEXTURES[rand(3)], t);
      const png = encodeFilteredPng({ width, height, colorType: kind.colorType, depth: kind.depth, rows, filters: FILTER_SETS[rand(FILTER_SETS.length)] });
      const withWasm = Array.from(own(png).data);
      expect(reserveDecodeSlots([png, png])).toBe(true);
      const inSlot = own(png, { wasmSlot: (t % 2) as 0 | 1 });
      // Grey samples stay where they were unfiltered; other kinds are copied out (alpha dropped, bits unpacked).
      const inMemory = inSlot.data.buffer === wasmKernels()!.exports.memory.buffer;
      expect(inMemory, `case ${t}`).toBe(kind.colorType === 0 && kind.depth >= 8);
      const slotted = Array.from(inSlot.data);
      disableWasmKernels();
      const without = Array.from(own(png).data);
      expect(initWasmKernels(wasmBytes)).toBe(true);
      expect(withWasm, `case ${t}`).toEqual(without);
      expect(slotted, `case ${t}`).toEqual(without);
    }
  });

  it("inflates straight into the slot through a ZlibHost, and falls back to its inflate on -1", () => {
    const rand = seededInts(91);
    let crcCalls = 0;
    const host = (answer: "write" | "refuse"): ZlibHost => ({
      inflate: (d) => zlib.inflateSync(d),
      inflateInto: (d, out) => {
        if (answer === "refuse") {
          out.fill(7);
          return -1;
        }
        const bytes = zlib.inflateSync(joinParts(d));
        if (bytes.length > out.length) return -1;
        out.set(bytes);
        return bytes.length;
      },
      crc32: (bytes) => (crcCalls++, crc32(bytes)),
    });
    for (let t = 0; t < 28; t++) {
      const kind = KINDS[t % KINDS.length];
      if (kind.colorType === 2 || kind.colorType === 6) continue;
      const width = 40 + rand(400);
      const height = 10 + rand(30);
      const png = encodeFilteredPng({ width, height, colorType: kind.colorType, depth: kind.depth, rows: sampleValues(kind, width, height, TEXTURES[rand(3)], t), filters: FILTER_SETS[rand(FILTER_SETS.length)] });
      const reference = Array.from(own(png).data);
      expect(reserveDecodeSlots([png, png])).toBe(true);
      const slot = (t % 2) as 0 | 1;
      for (const answer of ["write", "refuse"] as const) {
        const map = decodeLabelMapWith(png, host(answer), { wasmSlot: slot });
        expect(Array.from(map.data), `case ${t} ${answer}`).toEqual(reference);
        if (kind.colorType === 0 && kind.depth >= 8) expect(map.data.byteOffset, `case ${t} ${answer}`).toBe(wasmKernels()!.slots[slot]);
      }
    }
    expect(crcCalls).toBeGreaterThan(0);
  });

  it("reports a damaged stream through the host's inflate when inflateInto gives up", () => {
    const png = encodeFilteredPng({ width: 300, height: 20, colorType: 0, depth: 8, rows: sampleValues(KINDS[0], 300, 20, "runs", 5), filters: [4] });
    const truncated: ZlibHost = { inflate: (d) => zlib.inflateSync(d.subarray(0, d.length - 9)), inflateInto: () => -1 };
    expect(reserveDecodeSlots([png, png])).toBe(true);
    const inSlot = catchAppError(() => decodeLabelMapWith(png, truncated, { fileName: "z.png", wasmSlot: 0 }));
    const plain = catchAppError(() => decodeLabelMapWith(png, truncated.inflate, { fileName: "z.png" }));
    expect(inSlot.message).toBe(plain.message);
    expect(inSlot.message).toMatch(/^z\.png: not a valid PNG \(the image data does not inflate: /);
  });
});
