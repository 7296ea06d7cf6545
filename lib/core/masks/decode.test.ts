import { describe, it, expect } from "vitest";
import zlib from "node:zlib";
import { encode } from "fast-png";
import { decodeLabelMapWith } from "./decode";
import { crc32 } from "./png-chunks";
import { DECODERS, blockyLabels, catchAppError, packRows } from "./testdata/test-helpers";
import type { Rgb } from "./types";

const TABLE: Rgb[] = [
  [0, 0, 0],
  [128, 0, 0],
  [0, 128, 0],
  [128, 128, 0],
  [0, 0, 128],
];
const VOID: Rgb = [224, 224, 192];

function rgbPixels(labels: number[], colors: readonly Rgb[], channels: 3 | 4): Uint8Array {
  const out = new Uint8Array(labels.length * channels);
  labels.forEach((label, i) => {
    out.set(colors[label], i * channels);
    if (channels === 4) out[i * channels + 3] = (i * 37) % 256; // alpha must be ignored
  });
  return out;
}

/** A PNG whose IHDR claims width x height; its image data is garbage, so only a header check can answer. */
function bogusHugePng(width: number, height: number): Uint8Array {
  const png = encode({ width: 2, height: 2, data: new Uint8Array(4), depth: 8, channels: 1 });
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  view.setUint32(16, width);
  view.setUint32(20, height);
  view.setUint32(29, crc32(png, 12, 29));
  return png;
}

describe.each(DECODERS)("decode with %s", (_name, decode) => {
  it("reads 8-bit grey as a Uint8Array of the raw values", () => {
    const labels = blockyLabels(13, 7, 256, 1);
    const map = decode(encode({ width: 13, height: 7, data: Uint8Array.from(labels), depth: 8, channels: 1 }));
    expect(map.width).toBe(13);
    expect(map.height).toBe(7);
    expect(map.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(map.data)).toEqual(labels);
  });

  it("reads 16-bit grey with values above 255 as a Uint16Array", () => {
    const labels = [0, 1, 255, 256, 300, 1000, 4095, 65534, 65535, 12345, 7, 0];
    const map = decode(encode({ width: 4, height: 3, data: Uint16Array.from(labels), depth: 16, channels: 1 }));
    expect(map.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(map.data)).toEqual(labels);
  });

  for (const depth of [1, 2, 4] as const) {
    for (const width of [1, 7, 13]) {
      it(`unpacks ${depth}-bit grey with width ${width} (row padding bits) to raw values`, () => {
        const height = 5;
        const labels = blockyLabels(width, height, 1 << depth, width * depth);
        labels[0] = (1 << depth) - 1; // the largest value is not scaled to 255
        const png = encode({ width, height, data: packRows(labels, width, height, depth), depth, channels: 1 });
        const map = decode(png);
        expect(map.data).toBeInstanceOf(Uint8Array);
        expect(Array.from(map.data)).toEqual(labels);
      });
    }
  }

  it("reads palette PNGs as indices, not colours (8-bit and 2-bit, fewer than 256 entries)", () => {
    const palette = [[10, 20, 30], [200, 0, 0], [0, 200, 0], [0, 0, 200], [255, 255, 255]];
    const labels = blockyLabels(11, 6, 5, 3);
    const map8 = decode(encode({ width: 11, height: 6, data: Uint8Array.from(labels), depth: 8, channels: 1, palette }));
    expect(Array.from(map8.data)).toEqual(labels);
    const small = labels.map((v) => v % 4);
    const map2 = decode(encode({ width: 11, height: 6, data: packRows(small, 11, 6, 2), depth: 2, channels: 1, palette: palette.slice(0, 4) }));
    expect(Array.from(map2.data)).toEqual(small);
  });

  it("drops the alpha of grey + alpha (8 and 16 bit)", () => {
    const labels = blockyLabels(5, 4, 200, 4);
    const ga8 = new Uint8Array(40);
    labels.forEach((v, i) => ga8.set([v, 255 - (i % 7)], 2 * i));
    const map8 = decode(encode({ width: 5, height: 4, data: ga8, depth: 8, channels: 2 }));
    expect(map8.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(map8.data)).toEqual(labels);
    const ga16 = new Uint16Array(40);
    labels.forEach((v, i) => ga16.set([v * 300, i], 2 * i));
    const map16 = decode(encode({ width: 5, height: 4, data: ga16, depth: 16, channels: 2 }));
    expect(map16.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(map16.data)).toEqual(labels.map((v) => v * 300));
  });

  it("maps RGB and RGBA colour masks through the colour table (alpha ignored), extra colours included", () => {
    const labels = blockyLabels(9, 8, 6, 5); // 5 = void, drawn in VOID
    const colors = [...TABLE, VOID];
    const opts = { colorTable: TABLE, colorTableExtra: [{ value: 255, color: VOID }] };
    const expected = labels.map((v) => (v === 5 ? 255 : v));
    for (const channels of [3, 4] as const) {
      const map = decode(encode({ width: 9, height: 8, data: rgbPixels(labels, colors, channels), depth: 8, channels }), opts);
      expect(map.data).toBeInstanceOf(Uint8Array);
      expect(Array.from(map.data)).toEqual(expected);
    }
    const wide = decode(encode({ width: 9, height: 8, data: rgbPixels(labels, colors, 3), depth: 8, channels: 3 }), {
      colorTable: TABLE,
      colorTableExtra: [{ value: 1000, color: VOID }],
    });
    expect(wide.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(wide.data)).toEqual(labels.map((v) => (v === 5 ? 1000 : v)));
  });

  it("reads 16-bit RGB that holds exact 8-bit colours, and refuses other 16-bit colours", () => {
    const labels = [0, 1, 2, 3, 4, 0];
    const data = new Uint16Array(labels.flatMap((v) => TABLE[v].map((c) => c * 257)));
    const map = decode(encode({ width: 3, height: 2, data, depth: 16, channels: 3 }), { colorTable: TABLE });
    expect(Array.from(map.data)).toEqual(labels);
    data[4] = 1000;
    const error = catchAppError(() => decode(encode({ width: 3, height: 2, data, depth: 16, channels: 3 }), { colorTable: TABLE, fileName: "c.png" }));
    expect(error.message).toBe("c.png: 16-bit colour sample 1000 is not an 8-bit colour (expected a multiple of 257)");
  });

  it("names unknown colours (rgb and hex), their pixel counts and the file, at most 5, most frequent first", () => {
    const strange: Rgb[] = [[1, 2, 3], [250, 128, 114], [9, 9, 9], [10, 10, 10], [11, 11, 11], [12, 12, 12], [13, 13, 13]];
    const pixels: Rgb[] = [];
    strange.forEach((c, i) => {
      for (let k = 0; k < 10 - i; k++) pixels.push(c);
    });
    pixels.push(...Array.from({ length: 12 }, () => TABLE[2]));
    const data = Uint8Array.from(pixels.flat());
    const png = encode({ width: pixels.length, height: 1, data, depth: 8, channels: 3 });
    const error = catchAppError(() => decode(png, { colorTable: TABLE, fileName: "gt/road.png" }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe(
      "gt/road.png: colour mask has 7 colours that are not in the class colour table: " +
        "rgb(1,2,3) #010203 (10 px), rgb(250,128,114) #fa8072 (9 px), rgb(9,9,9) #090909 (8 px), " +
        "rgb(10,10,10) #0a0a0a (7 px), rgb(11,11,11) #0b0b0b (6 px), and 2 more",
    );
    const one = encode({ width: 2, height: 1, data: Uint8Array.from([0, 0, 0, 7, 7, 7]), depth: 8, channels: 3 });
    expect(catchAppError(() => decode(one, { colorTable: TABLE, fileName: "a.png" })).message).toBe(
      "a.png: colour mask has 1 colour that is not in the class colour table: rgb(7,7,7) #070707 (1 px)",
    );
  });

  it("refuses a colour mask without a colour table, and an ambiguous colour table", () => {
    const png = encode({ width: 1, height: 1, data: Uint8Array.from([0, 0, 0]), depth: 8, channels: 3 });
    expect(catchAppError(() => decode(png, { fileName: "m.png" })).message).toMatch(/^m\.png: RGB colour mask, but no class colour table/);
    const clash = catchAppError(() => decode(png, { fileName: "m.png", colorTable: TABLE, colorTableExtra: [{ value: 255, color: TABLE[1] }] }));
    expect(clash.message).toBe("m.png: class colour table: rgb(128,0,0) #800000 is given for both 1 and 255");
    const bad = catchAppError(() => decode(png, { fileName: "m.png", colorTable: [[0, 0, 256]] }));
    expect(bad.message).toBe("m.png: class colour table: class 0 has an invalid colour [0,0,256]");
  });

  it("decodes 1x1 images of every kind", () => {
    expect(Array.from(decode(encode({ width: 1, height: 1, data: Uint8Array.from([42]), depth: 8, channels: 1 })).data)).toEqual([42]);
    expect(Array.from(decode(encode({ width: 1, height: 1, data: Uint16Array.from([4242]), depth: 16, channels: 1 })).data)).toEqual([4242]);
    expect(Array.from(decode(encode({ width: 1, height: 1, data: Uint8Array.from([0x80]), depth: 1, channels: 1 })).data)).toEqual([1]);
    const pal = encode({ width: 1, height: 1, data: Uint8Array.from([1]), depth: 8, channels: 1, palette: [[0, 0, 0], [1, 1, 1]] });
    expect(Array.from(decode(pal).data)).toEqual([1]);
    expect(Array.from(decode(encode({ width: 1, height: 1, data: Uint8Array.from([3, 9]), depth: 8, channels: 2 })).data)).toEqual([3]);
    const rgba = encode({ width: 1, height: 1, data: Uint8Array.from([0, 0, 128, 0]), depth: 8, channels: 4 });
    expect(Array.from(decode(rgba, { colorTable: TABLE }).data)).toEqual([4]);
  });

  it("reads Adam7-interlaced 8- and 16-bit PNGs (through fast-png)", () => {
    const labels = blockyLabels(13, 7, 250, 8);
    const png8 = encode({ width: 13, height: 7, data: Uint8Array.from(labels), depth: 8, channels: 1 }, { interlace: "Adam7" });
    expect(Array.from(decode(png8).data)).toEqual(labels);
    const wide = labels.map((v) => v * 251);
    const png16 = encode({ width: 13, height: 7, data: Uint16Array.from(wide), depth: 16, channels: 1 }, { interlace: "Adam7" });
    expect(Array.from(decode(png16).data)).toEqual(wide);
  });

  it("refuses Adam7-interlaced PNGs below 8 bits with a clear message", () => {
    const png = encode({ width: 8, height: 2, data: Uint8Array.from([0xf0, 0x0f]), depth: 1, channels: 1 });
    png[28] = 1;
    new DataView(png.buffer, png.byteOffset).setUint32(29, crc32(png, 12, 29));
    expect(catchAppError(() => decode(png, { fileName: "bin.png" })).message).toBe(
      "bin.png: not a valid PNG (interlaced (Adam7) PNGs with bit depth 1 are not supported; save the mask without interlacing)",
    );
  });

  it("refuses bytes that are not a PNG, naming the file", () => {
    const error = catchAppError(() => decode(new TextEncoder().encode("GIF89a...."), { fileName: "masks/x.png" }));
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe("masks/x.png: not a valid PNG (the PNG signature is missing)");
  });

  it("refuses every truncation of a PNG with invalid_input naming the file", () => {
    const png = encode({ width: 40, height: 30, data: Uint8Array.from(blockyLabels(40, 30, 12, 9)), depth: 8, channels: 1 });
    for (let length = 0; length < png.length; length++) {
      const error = catchAppError(() => decode(png.slice(0, length), { fileName: "cut.png" }));
      expect(error.code).toBe("invalid_input");
      expect(error.message).toMatch(/^cut\.png: not a valid PNG \(.+\)$/);
    }
  });

  it("refuses a corrupted image (CRC mismatch)", () => {
    const png = encode({ width: 20, height: 20, data: Uint8Array.from(blockyLabels(20, 20, 12, 10)), depth: 8, channels: 1 });
    png[45] ^= 0x55; // inside the IDAT payload
    expect(catchAppError(() => decode(png, { fileName: "bad.png" })).message).toMatch(/^bad\.png: not a valid PNG \(.*CRC.*IDAT/);
  });

  it("refuses an oversize image from its header alone (too_large), before any inflating", () => {
    const error = catchAppError(() => decode(bogusHugePng(200_000, 100_000), { fileName: "bomb.png" }));
    expect(error.code).toBe("too_large");
    expect(error.message).toBe("bomb.png: image is 200000x100000 (20000000000 pixels), more than the limit of 100000000 pixels");
    const png = encode({ width: 11, height: 10, data: new Uint8Array(110), depth: 8, channels: 1 });
    expect(catchAppError(() => decode(png, { maxPixels: 109 })).code).toBe("too_large");
    expect(decode(png, { maxPixels: 110 }).data.length).toBe(110);
  });

  it("leaves the input bytes untouched and decodes the same bytes twice alike", () => {
    const png = encode({ width: 16, height: 9, data: Uint8Array.from(blockyLabels(16, 9, 30, 11)), depth: 8, channels: 1 });
    const before = png.slice();
    const first = Array.from(decode(png).data);
    expect(png).toEqual(before);
    expect(Array.from(decode(png).data)).toEqual(first);
  });
});

describe("decodeLabelMapWith", () => {
  it("never calls the inflater for an oversize header", () => {
    let calls = 0;
    const inflate = (d: Uint8Array) => {
      calls++;
      return zlib.inflateSync(d);
    };
    expect(catchAppError(() => decodeLabelMapWith(bogusHugePng(20_000, 20_000), inflate)).code).toBe("too_large");
    expect(calls).toBe(0);
  });

  it("returns 8-bit labels as a view on the inflater's output, without a copy", () => {
    const labels = blockyLabels(21, 9, 12, 12);
    const png = encode({ width: 21, height: 9, data: Uint8Array.from(labels), depth: 8, channels: 1 });
    let inflated: Uint8Array | undefined;
    const map = decodeLabelMapWith(png, (d) => (inflated = zlib.inflateSync(d)));
    expect(map.data.buffer).toBe(inflated?.buffer);
    expect(Array.from(map.data)).toEqual(labels);
  });

  it("byte-swaps 16-bit samples in place, and copies them when the inflated bytes start at an odd offset", () => {
    const labels = [0, 1, 256, 65535, 4660, 300, 7, 513];
    const png = encode({ width: 4, height: 2, data: Uint16Array.from(labels), depth: 16, channels: 1 });
    let inflated: Uint8Array | undefined;
    const inPlace = decodeLabelMapWith(png, (d) => (inflated = zlib.inflateSync(d)));
    expect(inPlace.data.buffer).toBe(inflated?.buffer);
    expect(Array.from(inPlace.data)).toEqual(labels);
    const odd = (d: Uint8Array) => {
      const raw = zlib.inflateSync(d);
      const shifted = new Uint8Array(raw.length + 1);
      shifted.set(raw, 1);
      return shifted.subarray(1);
    };
    const copied = decodeLabelMapWith(png, odd);
    expect(copied.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(copied.data)).toEqual(labels);
  });

  it("reports an inflater failure and short image data as invalid PNGs", () => {
    const png = encode({ width: 8, height: 8, data: new Uint8Array(64), depth: 8, channels: 1 });
    const failing = () => {
      throw new Error("incorrect header check");
    };
    expect(catchAppError(() => decodeLabelMapWith(png, failing, { fileName: "z.png" })).message).toBe(
      "z.png: not a valid PNG (the image data does not inflate: incorrect header check)",
    );
    const short = (d: Uint8Array) => zlib.inflateSync(d).subarray(0, 70);
    expect(catchAppError(() => decodeLabelMapWith(png, short, { fileName: "z.png" })).message).toBe(
      "z.png: not a valid PNG (the image data is truncated: 70 of 72 bytes)",
    );
  });
});
