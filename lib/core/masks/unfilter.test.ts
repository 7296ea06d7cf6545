import { describe, it, expect } from "vitest";
import { DECODERS, blockyLabels, catchAppError, seededInts } from "./testdata/test-helpers";
import { encodeFilteredPng, type FilteredPngSpec } from "./testdata/png-writer";
import type { Rgb } from "./types";

// PNGs written by the test-only writer with every filter type (None, Sub, Up,
// Average, Paeth, and all five mixed row by row) at every bit depth and colour
// type; both decoders must return exactly the labels that were written.

const FILTER_SETS = [[0], [1], [2], [3], [4], [0, 1, 2, 3, 4], [4, 3, 2, 1]];
const SIZES: [number, number][] = [
  [1, 1],
  [2, 3],
  [5, 4],
  [7, 5],
  [13, 6],
  [37, 9],
];
const COLORS: Rgb[] = [
  [0, 0, 0],
  [255, 255, 255],
  [128, 64, 0],
  [1, 254, 127],
  [70, 130, 180],
  [255, 0, 128],
];

type Kind = { colorType: FilteredPngSpec["colorType"]; depth: FilteredPngSpec["depth"] };
const KINDS: Kind[] = [
  { colorType: 0, depth: 1 },
  { colorType: 0, depth: 2 },
  { colorType: 0, depth: 4 },
  { colorType: 0, depth: 8 },
  { colorType: 0, depth: 16 },
  { colorType: 3, depth: 1 },
  { colorType: 3, depth: 2 },
  { colorType: 3, depth: 4 },
  { colorType: 3, depth: 8 },
  { colorType: 4, depth: 8 },
  { colorType: 4, depth: 16 },
  { colorType: 2, depth: 8 },
  { colorType: 2, depth: 16 },
  { colorType: 6, depth: 8 },
  { colorType: 6, depth: 16 },
];

type Texture = "blocky" | "speckled" | "noisy";
const TEXTURES: Texture[] = ["blocky", "speckled", "noisy"];

/**
 * Labels in range for the kind: blocky (long zero runs after filtering),
 * speckled (blocky with ~4 % single pixels of another of 3 values: zero runs
 * broken at every position, which exercises the word shortcuts' edges) or
 * noisy (every byte differs).
 */
function makeLabels(kind: Kind, width: number, height: number, seed: number, texture: Texture): number[] {
  const classes = kind.colorType === 2 || kind.colorType === 6 ? COLORS.length : kind.depth === 16 ? 65536 : 1 << kind.depth;
  const rand = seededInts(seed);
  if (texture === "noisy") return Array.from({ length: width * height }, () => rand(classes));
  const labels = blockyLabels(width, height, Math.min(classes, 3), seed);
  if (texture === "speckled") for (let i = 0; i < labels.length; i++) if (rand(25) === 0) labels[i] = rand(Math.min(classes, 3));
  return labels;
}

/** The samples to write (labels, plus alpha / colour channels) for the kind. */
function samplesFor(kind: Kind, labels: number[], seed: number): number[] {
  const rand = seededInts(seed + 99);
  const max = kind.depth === 16 ? 65536 : 256;
  if (kind.colorType === 0 || kind.colorType === 3) return labels;
  if (kind.colorType === 4) return labels.flatMap((v) => [v, rand(max)]);
  const scale = kind.depth === 16 ? 257 : 1;
  return labels.flatMap((v) => {
    const rgb = COLORS[v].map((c) => c * scale);
    return kind.colorType === 6 ? [...rgb, rand(max)] : rgb;
  });
}

describe.each(DECODERS)("every filter type, bit depth and colour type with %s", (_name, decode) => {
  for (const kind of KINDS) {
    it(`colour type ${kind.colorType}, ${kind.depth}-bit`, () => {
      let cases = 0;
      for (const [width, height] of SIZES) {
        for (const filters of FILTER_SETS) {
          for (const texture of TEXTURES) {
            const seed = width * 1000 + height * 10 + filters.length + TEXTURES.indexOf(texture);
            const labels = makeLabels(kind, width, height, seed, texture);
            const palette = kind.colorType === 3 ? Array.from({ length: 1 << kind.depth }, (_, i) => [i, i, i] as const) : undefined;
            const png = encodeFilteredPng({ width, height, ...kind, rows: samplesFor(kind, labels, seed), filters, palette });
            const map = decode(png, { colorTable: COLORS, fileName: `t-${width}x${height}.png` });
            expect(map.data).toBeInstanceOf(kind.depth === 16 && kind.colorType !== 2 && kind.colorType !== 6 ? Uint16Array : Uint8Array);
            expect({ width: map.width, height: map.height }).toEqual({ width, height });
            expect(Array.from(map.data), `${width}x${height} filters ${filters} ${texture}`).toEqual(labels);
            cases++;
          }
        }
      }
      expect(cases).toBe(SIZES.length * FILTER_SETS.length * TEXTURES.length);
    });
  }

  it("decodes image data split over several IDAT chunks, with an ancillary chunk before it", () => {
    const labels = blockyLabels(31, 17, 200, 5);
    const png = encodeFilteredPng({ width: 31, height: 17, colorType: 0, depth: 8, rows: labels, filters: [0, 1, 2, 3, 4], idatChunks: 4, withText: true });
    expect(Array.from(decode(png).data)).toEqual(labels);
  });

  it("refuses an unknown filter type", () => {
    const png = encodeFilteredPng({ width: 4, height: 2, colorType: 0, depth: 8, rows: new Array(8).fill(0), filters: [0, 7] });
    expect(catchAppError(() => decode(png, { fileName: "f.png" })).message).toMatch(/^f\.png: not a valid PNG \(.*filter.*7/i);
  });
});

describe("wide label maps (the word-at-a-time paths)", () => {
  it("agree between the decoders on large grey-8 maps of every texture with every filter", () => {
    const [[, fast], [, own]] = DECODERS;
    for (const filters of FILTER_SETS) {
      for (const texture of TEXTURES) {
        const width = 301;
        const height = 40;
        const labels = makeLabels({ colorType: 0, depth: 8 }, width, height, filters.length, texture);
        const png = encodeFilteredPng({ width, height, colorType: 0, depth: 8, rows: labels, filters });
        const a = own(png);
        expect(Array.from(a.data)).toEqual(labels);
        expect(a.data).toEqual(fast(png).data);
      }
    }
  });
});
