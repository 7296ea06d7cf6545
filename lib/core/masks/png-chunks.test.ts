import { describe, it, expect } from "vitest";
import { encode } from "fast-png";
import { checkPixelLimit, crc32, readImageData, readPngHeader } from "./png-chunks";
import { catchAppError } from "./testdata/test-helpers";
import { encodeFilteredPng } from "./testdata/png-writer";

function setIhdrByte(png: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = png.slice();
  copy[offset] = value;
  new DataView(copy.buffer).setUint32(29, crc32(copy, 12, 29));
  return copy;
}

describe("crc32", () => {
  it("matches the standard check value", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe("readPngHeader", () => {
  it("reads size, bit depth, colour type and interlacing", () => {
    const grey16 = encode({ width: 7, height: 3, data: new Uint16Array(21), depth: 16, channels: 1 });
    expect(readPngHeader(grey16, "a.png")).toEqual({ width: 7, height: 3, bitDepth: 16, colorType: 0, interlaced: false });
    const rgba = encode({ width: 2, height: 5, data: new Uint8Array(40), depth: 8, channels: 4 }, { interlace: "Adam7" });
    expect(readPngHeader(rgba)).toEqual({ width: 2, height: 5, bitDepth: 8, colorType: 6, interlaced: true });
    const palette = encodeFilteredPng({ width: 13, height: 2, colorType: 3, depth: 4, rows: new Array(26).fill(1), palette: [[0, 0, 0], [9, 9, 9]] });
    expect(readPngHeader(palette)).toMatchObject({ width: 13, height: 2, bitDepth: 4, colorType: 3 });
  });

  it("refuses bytes that are not a PNG, naming the file", () => {
    for (const bytes of [new Uint8Array(0), new TextEncoder().encode("hello world, not an image"), Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70])]) {
      const error = catchAppError(() => readPngHeader(bytes, "gt/0001.png"));
      expect(error.code).toBe("invalid_input");
      expect(error.message).toBe("gt/0001.png: not a valid PNG (the PNG signature is missing)");
    }
  });

  it("refuses a file cut inside the header, a bad IHDR CRC and invalid IHDR fields", () => {
    const png = encode({ width: 4, height: 4, data: new Uint8Array(16), depth: 8, channels: 1 });
    expect(catchAppError(() => readPngHeader(png.subarray(0, 20), "m.png")).message).toBe(
      "m.png: not a valid PNG (the file is truncated inside the header)",
    );
    const badCrc = png.slice();
    badCrc[17] ^= 1;
    expect(catchAppError(() => readPngHeader(badCrc, "m.png")).message).toBe("m.png: not a valid PNG (CRC mismatch in the IHDR chunk)");
    expect(catchAppError(() => readPngHeader(setIhdrByte(png, 24, 3), "m.png")).message).toBe(
      "m.png: not a valid PNG (bit depth 3 is not allowed for colour type 0)",
    );
    expect(catchAppError(() => readPngHeader(setIhdrByte(png, 25, 5), "m.png")).message).toMatch(/unknown colour type 5/);
    expect(catchAppError(() => readPngHeader(setIhdrByte(png, 28, 2), "m.png")).message).toMatch(/unknown interlace method 2/);
    expect(catchAppError(() => readPngHeader(setIhdrByte(png, 19, 0), "m.png")).message).toMatch(/invalid size 0x4/);
  });
});

describe("checkPixelLimit", () => {
  it("allows exactly maxPixels and refuses one more with too_large", () => {
    expect(() => checkPixelLimit({ width: 10, height: 10 }, "a.png", 100)).not.toThrow();
    const error = catchAppError(() => checkPixelLimit({ width: 101, height: 1 }, "a.png", 100));
    expect(error.code).toBe("too_large");
    expect(error.message).toBe("a.png: image is 101x1 (101 pixels), more than the limit of 100 pixels");
  });
});

describe("readImageData", () => {
  it("joins several IDAT chunks and skips ancillary chunks", () => {
    const spec = { width: 9, height: 9, colorType: 0, depth: 8, rows: new Array(81).fill(3), withText: true } as const;
    const one = readImageData(encodeFilteredPng(spec), "x.png");
    const three = readImageData(encodeFilteredPng({ ...spec, idatChunks: 3 }), "x.png");
    expect(three).toEqual(one);
  });

  it("refuses a missing IEND, an unknown critical chunk and a corrupted chunk", () => {
    const png = encodeFilteredPng({ width: 3, height: 3, colorType: 0, depth: 8, rows: new Array(9).fill(1) });
    expect(catchAppError(() => readImageData(png.subarray(0, png.length - 12), "x.png")).message).toBe(
      "x.png: not a valid PNG (the file is truncated: no IEND chunk)",
    );
    const renamed = png.slice();
    const idatAt = 33 + 4;
    renamed.set([0x58, 0x44, 0x41, 0x54], idatAt); // "XDAT": critical, unknown
    const length = new DataView(renamed.buffer).getUint32(33);
    new DataView(renamed.buffer).setUint32(idatAt + 4 + length, crc32(renamed, idatAt, idatAt + 4 + length));
    expect(catchAppError(() => readImageData(renamed, "x.png")).message).toBe("x.png: not a valid PNG (unknown critical chunk XDAT)");
    const flipped = png.slice();
    flipped[idatAt + 6] ^= 0x10;
    expect(catchAppError(() => readImageData(flipped, "x.png")).message).toBe("x.png: not a valid PNG (CRC mismatch in the IDAT chunk)");
  });
});
