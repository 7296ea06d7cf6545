import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { mulberry32 } from "@/lib/core/metrics";
import { writePng } from "@/lib/core/png/png-writer";
import { disableWasmKernels, initWasmKernels, inWasmMemory, wasmKernels } from "@/lib/core/wasm/kernels";
import { loadServerKernels } from "@/lib/server/wasm-kernels";
import { decodeImageRgb, withDecodedImage } from "./decode-image";

const deflate = (raw: Uint8Array) => zlib.deflateSync(raw);
const camvid = path.resolve(import.meta.dirname, "../../../../../shared/datasets/camvid/val/images");
const hasCamvid = existsSync(camvid);
if (!hasCamvid) console.warn(`Skipping the CamVid image decoding comparison: ${camvid} not found (the shared datasets are not on this machine).`);

/** sharp's RGB pixels of the same bytes: what the fast path must equal. */
async function viaSharp(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes).removeAlpha().toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, rgb: new Uint8Array(data) };
}

/** RGB of a decoded image whatever its channel count (the fast path keeps RGBA as 4 channels). */
function rgbOf(image: { data: Uint8Array; width: number; height: number; channels: number }): Uint8Array {
  const n = image.width * image.height;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) out[i * 3 + c] = image.data[i * image.channels + c];
  return out;
}

describe("decodeImageRgb", () => {
  it("gives sharp's pixels for RGB and RGBA PNGs with every filter type, odd sizes and split IDAT", async () => {
    const rand = mulberry32(5);
    let cases = 0;
    for (const colorType of [2, 6] as const) {
      for (const [width, height] of [[1, 1], [7, 3], [33, 17], [64, 40]]) {
        for (const filters of [[0], [1], [2], [3], [4], [0, 1, 2, 3, 4], "adaptive"] as const) {
          const channels = colorType === 2 ? 3 : 4;
          const rows = Uint8Array.from({ length: width * height * channels }, (_, i) => (i % 5 === 0 ? rand() & 255 : (i * 31) & 255));
          const png = writePng({ width, height, colorType, depth: 8, rows, filters, idatChunks: 1 + (cases % 3) }, deflate);
          const got = await decodeImageRgb(png, "case.png");
          expect(got.channels).toBe(channels);
          const want = await viaSharp(png);
          expect([got.width, got.height]).toEqual([want.width, want.height]);
          expect(rgbOf(got)).toEqual(want.rgb);
          cases++;
        }
      }
    }
    expect(cases).toBe(56);
  });

  it("leaves grey, palette, 16-bit, interlaced, ICC-profiled and JPEG images to sharp (3 channels)", async () => {
    const grey = writePng({ width: 5, height: 4, colorType: 0, depth: 8, rows: Array.from({ length: 20 }, (_, i) => i * 12) }, deflate);
    const palette = writePng({ width: 4, height: 2, colorType: 3, depth: 8, rows: [0, 1, 2, 1, 0, 2, 2, 1], palette: [[10, 20, 30], [200, 100, 0], [0, 0, 255]] }, deflate);
    const deep = writePng({ width: 3, height: 2, colorType: 2, depth: 16, rows: Array.from({ length: 18 }, (_, i) => i * 3000) }, deflate);
    const raw = { raw: { width: 9, height: 6, channels: 3 as const } };
    const pixels = Buffer.from(Array.from({ length: 162 }, (_, i) => (i * 7) & 255));
    const interlaced = await sharp(pixels, raw).png({ progressive: true }).toBuffer();
    const jpeg = await sharp(pixels, raw).jpeg().toBuffer();
    const profiled = await sharp(pixels, raw).withIccProfile("p3").png().toBuffer();
    expect(profiled.includes("iCCP")).toBe(true);
    for (const bytes of [grey, palette, deep, interlaced, jpeg, profiled]) {
      const got = await decodeImageRgb(bytes, "other");
      const want = await viaSharp(bytes);
      expect(got.channels).toBe(3);
      expect(got.data).toEqual(want.rgb);
    }
  });

  it("ignores extra bytes after the last row, as sharp does", async () => {
    const [w, h] = [6, 4];
    const rows = Uint8Array.from({ length: w * h * 3 }, (_, i) => (i * 13) & 255);
    const padded = (raw: Uint8Array) => zlib.deflateSync(Buffer.concat([raw, Buffer.alloc(500, 7)]));
    const png = writePng({ width: w, height: h, colorType: 2, depth: 8, rows }, padded);
    const got = await decodeImageRgb(png, "extra.png");
    expect(Array.from(got.data.subarray(0, w * h * 3))).toEqual(Array.from(rows));
  });

  it("names the file when a PNG is damaged (bad CRC, truncated data) or not an image", async () => {
    const png = writePng({ width: 8, height: 8, colorType: 2, depth: 8, rows: new Uint8Array(192).fill(9) }, deflate);
    const badCrc = png.slice();
    badCrc[png.length - 20] ^= 0xff;
    for (const [bytes, reason] of [[badCrc, /CRC|could not be decoded/], [png.slice(0, png.length - 30), /truncated|could not be decoded/], [new Uint8Array([1, 2, 3]), /could not be decoded/]] as const) {
      const error = await decodeImageRgb(bytes, "street-7.png").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(/^street-7\.png: /);
      expect((error as AppError).message).toMatch(reason);
    }
  });

  it("decodes inside a wasm slot when the kernels are loaded, with the same pixels as the thread-pool path without them", async () => {
    loadServerKernels();
    const rand = mulberry32(9);
    for (const [colorType, width, height] of [[2, 97, 41], [6, 50, 33]] as const) {
      const k = wasmKernels();
      expect(k, "lib/core/wasm/build/kernel.wasm is built by npm install").not.toBeNull();
      const rows = Uint8Array.from({ length: width * height * (colorType === 2 ? 3 : 4) }, () => rand() & 255);
      const png = writePng({ width, height, colorType, depth: 8, rows, filters: "adaptive" }, deflate);
      const inSlot = await withDecodedImage(png, "slot.png", (image) => ({ inWasm: inWasmMemory(k!, image.data), data: image.data.slice() }));
      expect(inSlot.inWasm).toBe(true);
      const copied = await decodeImageRgb(png, "slot.png");
      expect(inWasmMemory(k!, copied.data)).toBe(false);
      disableWasmKernels();
      try {
        const onPool = await withDecodedImage(png, "pool.png", (image) => image.data.slice());
        expect(inSlot.data).toEqual(onPool);
        expect(copied.data).toEqual(onPool);
        expect(onPool).toEqual(rows);
      } finally {
        initWasmKernels(readFileSync(path.resolve(import.meta.dirname, "../../../core/wasm/build/kernel.wasm")));
      }
    }
  });

  it("keeps images over 32 MiB inflated out of the wasm slots (their memory never shrinks)", async () => {
    loadServerKernels();
    const [w, h] = [4000, 3000];
    const rows = new Uint8Array(w * h * 3).map((_, i) => (i % 3 === 0 ? i & 255 : 0));
    const png = writePng({ width: w, height: h, colorType: 2, depth: 8, rows, filters: [1] }, (raw) => zlib.deflateSync(raw, { level: 1 }));
    const seen = await withDecodedImage(png, "big.png", (image) => ({ inWasm: inWasmMemory(wasmKernels()!, image.data), same: Buffer.compare(image.data, rows) === 0 }));
    expect(seen).toEqual({ inWasm: false, same: true });
  });

  it.skipIf(!hasCamvid)("gives sharp's pixels on CamVid images", async () => {
    for (const name of readdirSync(camvid).filter((n) => n.endsWith(".png")).slice(0, 5)) {
      const bytes = readFileSync(path.join(camvid, name));
      const got = await decodeImageRgb(bytes, name);
      expect(Buffer.compare(rgbOf(got), (await viaSharp(bytes)).rgb)).toBe(0);
    }
  });
});
