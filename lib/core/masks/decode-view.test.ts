import { describe, expect, it } from "vitest";
import fc from "fast-check";
import zlib from "node:zlib";
import { decodeLabelMapWith } from "./decode";
import { createDownsampleDecoder, decodeLabelMapDownsampled, downsampleNearest, nearestIndex, viewSize } from "./decode-view";
import { readImageData, readPngHeader } from "./png-chunks";
import { encodeFilteredPng } from "./testdata/png-writer";
import { catchAppError } from "./testdata/test-helpers";
import type { Rgb } from "./types";

const inflate = (d: Uint8Array) => zlib.inflateSync(d);
const TABLE: Rgb[] = [[0, 0, 0], [200, 10, 10], [10, 200, 10], [10, 10, 200]];

/** Every (colour type, depth) a label map can have, with a sample generator. */
const FORMATS = [
  { colorType: 0, depth: 1 }, { colorType: 0, depth: 2 }, { colorType: 0, depth: 4 }, { colorType: 0, depth: 8 },
  { colorType: 0, depth: 16 }, { colorType: 3, depth: 4 }, { colorType: 3, depth: 8 }, { colorType: 4, depth: 8 },
  { colorType: 4, depth: 16 }, { colorType: 2, depth: 8 }, { colorType: 6, depth: 8 },
] as const;

function makePng(f: (typeof FORMATS)[number], width: number, height: number, seed: number, filters: number[]): Uint8Array {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[f.colorType];
  const max = f.colorType === 2 || f.colorType === 6 ? TABLE.length : 2 ** f.depth;
  const rows: number[] = [];
  let s = seed >>> 0 || 1;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s);
  for (let i = 0; i < width * height; i++) {
    // Blocky labels: runs, so filters produce both zero and non-zero residuals.
    const label = (next() % 7 === 0 ? next() : Math.floor(i / 5) + Math.floor(i / width)) % max;
    if (f.colorType === 2 || f.colorType === 6) rows.push(...TABLE[label], ...(f.colorType === 6 ? [next() & 0xff] : []));
    else if (channels === 2) rows.push(label, next() & 0xff);
    else rows.push(label);
  }
  const palette = f.colorType === 3 ? Array.from({ length: 2 ** f.depth }, (_, i) => [i, i, i] as const) : undefined;
  return encodeFilteredPng({ width, height, colorType: f.colorType, depth: f.depth, rows, filters, palette, idatChunks: 2 });
}

describe("viewSize / nearestIndex", () => {
  it("keeps the aspect, never upsamples, fits the long side", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1, max: 2048 }), (w, h, side) => {
      const s = viewSize(w, h, side);
      expect(Math.max(s.width, s.height)).toBe(Math.min(Math.max(w, h), side));
      expect(s.width).toBeLessThanOrEqual(w);
      expect(s.height).toBeLessThanOrEqual(h);
      expect(Math.min(s.width, s.height)).toBeGreaterThanOrEqual(1);
    }));
  });
  it("maps output cells to strictly increasing source indices inside the image", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 3000 }), (a, b) => {
      const inN = Math.max(a, b);
      const outN = Math.min(a, b);
      let prev = -1;
      for (let o = 0; o < outN; o++) {
        const i = nearestIndex(o, outN, inN);
        expect(i).toBeGreaterThan(prev);
        expect(i).toBeLessThan(inN);
        prev = i;
      }
    }), { numRuns: 30 });
  });
});

describe("decodeLabelMapDownsampled", () => {
  it("equals the full decode followed by the nearest downsample, for every format, filter, size and chunking", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FORMATS),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer(),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 5000 }),
        (format, width, height, maxSide, seed, filters, chunk) => {
          const png = makePng(format, width, height, seed, filters);
          const opts = { colorTable: TABLE };
          const full = decodeLabelMapWith(png, inflate, opts);
          const size = viewSize(width, height, maxSide);
          const expected = downsampleNearest(full, size.width, size.height);
          expect(decodeLabelMapDownsampled(png, inflate, maxSide, opts)).toEqual(expected);
          // Streamed in arbitrary chunks.
          const decoder = createDownsampleDecoder(readPngHeader(png), size, opts);
          const data = inflate(readImageData(png, "x"));
          for (let at = 0; at < data.length; at += chunk) decoder.push(data.subarray(at, at + chunk));
          expect(decoder.finish()).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses short and overlong image data and unknown filters", () => {
    const png = makePng(FORMATS[3], 40, 70, 1, [1, 2]);
    const header = readPngHeader(png);
    const data = inflate(readImageData(png, "x"));
    const short = createDownsampleDecoder(header, { width: 10, height: 10 }, { fileName: "m.png" });
    short.push(data.subarray(0, data.length - 3));
    expect(catchAppError(() => short.finish()).message).toMatch(/m\.png.*truncated/);
    const long = createDownsampleDecoder(header, { width: 10, height: 10 });
    expect(catchAppError(() => long.push(new Uint8Array([...data, 0]))).message).toMatch(/longer than the image/);
    const bad = encodeFilteredPng({ width: 4, height: 3, colorType: 0, depth: 8, rows: new Array(12).fill(1), filters: [0, 9] });
    expect(catchAppError(() => decodeLabelMapDownsampled(bad, inflate, 2)).code).toBe("invalid_input");
  });

  it("checks the pixel limit on the header", () => {
    const png = makePng(FORMATS[3], 50, 50, 2, [0]);
    expect(catchAppError(() => decodeLabelMapDownsampled(png, inflate, 10, { maxPixels: 2499 })).code).toBe("too_large");
  });
});
