import { describe, it, expect } from "vitest";
import zlib from "node:zlib";
import { readImageData } from "./png-chunks";
import { unfilterInPlace } from "./unfilter";
import { addBytes, paethPredict, prefixSumWord } from "./unfilter-rows";
import { encodeFilteredPng, type FilteredPngSpec } from "./testdata/png-writer";
import { sampleValues, seededInts, TEXTURES, type PngKind } from "./testdata/test-helpers";
import { unfilterInPlaceReference } from "./testdata/unfilter-reference";

// The word-at-a-time unfilter against the plain one written from the PNG
// specification, on filtered streams made by the independent test writer.

const FILTER_SETS = [[0], [1], [2], [3], [4], [0, 1, 2, 3, 4], [4, 3, 2, 1]];
/** Odd widths (rows never word-aligned) and widths on and around the 16-byte group size. */
const WIDTHS = [1, 2, 3, 5, 7, 1921, 4, 16, 20, 33, 64, 480];
const HEIGHT = 7;

const KINDS: PngKind[] = [
  { colorType: 0, depth: 8, bpp: 1, channels: 1 },
  { colorType: 0, depth: 16, bpp: 2, channels: 1 },
  { colorType: 3, depth: 8, bpp: 1, channels: 1 },
  { colorType: 0, depth: 2, bpp: 1, channels: 1 },
  { colorType: 2, depth: 8, bpp: 3, channels: 3 },
  { colorType: 6, depth: 16, bpp: 8, channels: 4 },
];

/** The inflated (still filtered) image data of a PNG from the test writer. */
function filteredStream(spec: FilteredPngSpec): Uint8Array {
  return new Uint8Array(zlib.inflateSync(readImageData(encodeFilteredPng(spec), "t.png")));
}

/** Unfilters copies of `stream` with both implementations, the fast one at byte offset `offset`; returns the first differing index or -1. */
function firstDifference(stream: Uint8Array, rowBytes: number, bpp: number, offset: number): number {
  const backing = new Uint8Array(stream.length + 8);
  backing.set(stream, offset);
  const fast = backing.subarray(offset, offset + stream.length);
  const reference = stream.slice();
  unfilterInPlace(fast, rowBytes, HEIGHT, bpp, "t.png");
  unfilterInPlaceReference(reference, rowBytes, HEIGHT, bpp);
  for (let i = 0; i < rowBytes * HEIGHT; i++) if (fast[i] !== reference[i]) return i;
  return -1;
}

describe("unfilterInPlace equals the plain reference", () => {
  for (const kind of KINDS) {
    it(`colour type ${kind.colorType}, ${kind.depth}-bit: every filter, texture, width and buffer alignment`, () => {
      let cases = 0;
      for (const width of WIDTHS) {
        const rowBytes = Math.ceil((width * kind.depth * kind.channels) / 8);
        for (const filters of FILTER_SETS) {
          for (const texture of TEXTURES) {
            const seed = width * 7919 + filters.length * 31 + texture.length;
            const rows = sampleValues(kind, width, HEIGHT, texture, seed);
            const stream = filteredStream({ width, height: HEIGHT, colorType: kind.colorType, depth: kind.depth, rows, filters });
            const offset = cases % 4;
            expect(firstDifference(stream, rowBytes, kind.bpp, offset), `width ${width} filters ${filters} ${texture} offset ${offset}`).toBe(-1);
            cases++;
          }
        }
      }
      expect(cases).toBe(WIDTHS.length * FILTER_SETS.length * 3);
    });
  }

  it("on sparse random filtered bytes (states no real image reaches), every filter, bpp 1 and 2", () => {
    const rand = seededInts(4242);
    for (const bpp of [1, 2]) {
      for (const width of WIDTHS) {
        const rowBytes = width * bpp;
        for (const filter of [1, 2, 3, 4, -1]) {
          const stream = new Uint8Array(HEIGHT * (rowBytes + 1));
          for (let y = 0; y < HEIGHT; y++) {
            stream[y * (rowBytes + 1)] = filter < 0 ? rand(5) : filter;
            for (let i = 1; i <= rowBytes; i++) if (rand(12) === 0) stream[y * (rowBytes + 1) + i] = rand(4) === 0 ? rand(256) : [1, 255, 2, 128][rand(4)];
          }
          for (let offset = 0; offset < 4; offset++) {
            expect(firstDifference(stream, rowBytes, bpp, offset), `bpp ${bpp} width ${width} filter ${filter} offset ${offset}`).toBe(-1);
          }
        }
      }
    }
  });
});

describe("word helpers", () => {
  it("paethPredict (branch-free) equals the specification for every byte triple", () => {
    let mismatches = 0;
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        for (let c = 0; c < 256; c++) {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          const expected = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          if (paethPredict(a, b, c) !== expected) mismatches++;
        }
      }
    }
    expect(mismatches).toBe(0);
  });

  it("addBytes adds byte by byte modulo 256, and prefixSumWord undoes Sub on a word in either byte order", () => {
    const rand = seededInts(99);
    const word = (bytes: number[], littleEndian: boolean) => (littleEndian ? bytes : [...bytes].reverse()).reduce((w, v, i) => w | (v << (8 * i)), 0);
    for (let t = 0; t < 20000; t++) {
      const x = Array.from({ length: 4 }, () => (rand(3) === 0 ? 0 : rand(256)));
      const y = Array.from({ length: 4 }, () => rand(256));
      expect(addBytes(word(x, true), word(y, true))).toBe(word(x.map((v, i) => (v + y[i]) & 0xff), true));
      const left = rand(256);
      let sum = left;
      const expected = x.map((v) => (sum = (sum + v) & 0xff));
      for (const littleEndian of [true, false]) {
        expect(prefixSumWord(word(x, littleEndian), left, littleEndian)).toBe(word(expected, littleEndian));
      }
    }
  });
});
