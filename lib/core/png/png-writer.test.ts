import { createHash } from "node:crypto";
import zlib from "node:zlib";
import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { writePng, type PngWriterSpec } from "./png-writer";

const deflate = (raw: Uint8Array) => zlib.deflateSync(raw, { level: 6 });
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Writes `spec` and returns the PNG plus the filtered scanlines handed to deflate. */
function writeCapturing(spec: PngWriterSpec): { png: Uint8Array; raw: Uint8Array } {
  let raw = new Uint8Array(0);
  const png = writePng(spec, (r) => {
    raw = r.slice();
    return deflate(r);
  });
  return { png, raw };
}

/** fast-png keeps sub-byte samples packed (MSB first, rows padded to a byte): unpack them. */
function samples(data: ArrayLike<number>, width: number, height: number, depth: number): number[] {
  if (depth >= 8) return Array.from(data);
  const rowBytes = Math.ceil((width * depth) / 8);
  const out: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = x * depth;
      out.push((data[y * rowBytes + (bit >> 3)] >> (8 - depth - (bit & 7))) & ((1 << depth) - 1));
    }
  }
  return out;
}

function chunkTypes(png: Uint8Array): string[] {
  const types: string[] = [];
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at < png.length; at += 12 + view.getUint32(at)) types.push(String.fromCharCode(...png.subarray(at + 4, at + 8)));
  return types;
}

describe("writePng", () => {
  const w = 97;
  const h = 61;
  const grey = Uint8Array.from({ length: w * h }, (_, i) => ((i % w) * 3 + Math.floor(i / w) * 5 + ((i * 2654435761) >>> 28)) & 255);
  const rgb = Uint8Array.from({ length: w * h * 3 }, (_, i) => ((i % 7) * 31 + Math.floor(i / (3 * w)) * 2) & 255);

  it("round-trips through an independent decoder (fast-png, CRCs checked) at every colour type and bit depth", () => {
    const cases: { spec: PngWriterSpec; channels: number }[] = [
      { spec: { width: w, height: h, colorType: 0, depth: 8, rows: grey, filters: "adaptive" }, channels: 1 },
      { spec: { width: w, height: h, colorType: 2, depth: 8, rows: rgb, filters: "adaptive" }, channels: 3 },
      { spec: { width: 9, height: 4, colorType: 0, depth: 16, rows: Array.from({ length: 36 }, (_, i) => i * 1800), filters: [0, 1, 2, 3, 4] }, channels: 1 },
      { spec: { width: 5, height: 3, colorType: 4, depth: 8, rows: Array.from({ length: 30 }, (_, i) => i * 8), filters: [4] }, channels: 2 },
      { spec: { width: 13, height: 3, colorType: 0, depth: 1, rows: Array.from({ length: 39 }, (_, i) => i % 2), filters: [1, 2] }, channels: 1 },
    ];
    for (const { spec, channels } of cases) {
      const back = decode(writePng(spec, deflate), { checkCrc: true });
      expect([back.width, back.height, back.depth, back.channels]).toEqual([spec.width, spec.height, spec.depth, channels]);
      expect(samples(back.data, spec.width, spec.height, spec.depth)).toEqual(Array.from(spec.rows));
    }
  });

  it("packs palette indices and writes the PLTE chunk", () => {
    const rows = Array.from({ length: 26 }, (_, i) => i % 3);
    const png = writePng({ width: 13, height: 2, colorType: 3, depth: 4, rows, palette: [[0, 0, 0], [9, 9, 9], [1, 2, 3]] }, deflate);
    const back = decode(png, { checkCrc: true });
    expect(back.palette).toEqual([[0, 0, 0], [9, 9, 9], [1, 2, 3]]);
    expect(samples(back.data, 13, 2, 4)).toEqual(rows);
  });

  it("adaptive picks per row the filter with the smallest residuals, like libpng", () => {
    const ramp = Uint8Array.from({ length: 40 }, (_, i) => (i % 20) * 10);
    const { raw } = writeCapturing({ width: 20, height: 2, colorType: 0, depth: 8, rows: ramp, filters: "adaptive" });
    expect(raw[0]).toBe(1);
    expect(raw[21]).toBe(2);
  });

  it("cycles fixed filters per row and writes an invalid type as given", () => {
    const { raw } = writeCapturing({ width: 4, height: 3, colorType: 0, depth: 8, rows: new Array(12).fill(5), filters: [3, 7] });
    expect([raw[0], raw[5], raw[10]]).toEqual([3, 7, 3]);
  });

  it("splits the image data over IDAT chunks and adds a tEXt chunk when asked", () => {
    const png = writePng({ width: w, height: h, colorType: 0, depth: 8, rows: grey, idatChunks: 3, withText: true }, deflate);
    expect(chunkTypes(png)).toEqual(["IHDR", "tEXt", "IDAT", "IDAT", "IDAT", "IEND"]);
    expect([...decode(png, { checkCrc: true }).data]).toEqual([...grey]);
  });

  it("writes the same bytes as the benchmark's adaptive writer did before it was merged into this one", () => {
    expect(sha256(writePng({ width: w, height: h, colorType: 0, depth: 8, rows: grey, filters: "adaptive" }, deflate))).toBe(
      "a80f06c63e29ea594866bfa42eb58b7a6277c994bb11e6383dc911111b1e55d1",
    );
    expect(sha256(writePng({ width: w, height: h, colorType: 2, depth: 8, rows: rgb, filters: "adaptive" }, deflate))).toBe(
      "b7b79ad7a6c84f7c3fa5793ec64ea6f5a372ffac614193a910275d9ddd8483e3",
    );
  });
});
