import { describe, it, expect } from "vitest";
import { decode } from "fast-png";
import { decodeLabelMap } from "./decode";
import { encodeLabelMap } from "./encode";
import { readPngHeader } from "./png-chunks";
import { ERROR_MAP_COLORS, renderColorizedMask, renderErrorMap } from "./render";
import { DECODERS, blockyLabels, catchAppError } from "./testdata/test-helpers";
import type { LabelMap, Rgb } from "./types";

function rgbaPixels(png: Uint8Array): number[][] {
  const img = decode(png);
  expect(img.channels).toBe(4);
  expect(img.depth).toBe(8);
  const px: number[][] = [];
  for (let i = 0; i < img.width * img.height; i++) px.push(Array.from(img.data.subarray(4 * i, 4 * i + 4)));
  return px;
}

describe("encodeLabelMap", () => {
  it.each(DECODERS)("round-trips 8-bit maps (decoded with %s)", (_name, decodeMap) => {
    for (const [w, h] of [[1, 1], [7, 3], [64, 33]]) {
      const map: LabelMap = { width: w, height: h, data: Uint8Array.from(blockyLabels(w, h, 256, w)) };
      const png = encodeLabelMap(map);
      expect(readPngHeader(png)).toMatchObject({ bitDepth: 8, colorType: 0 });
      expect(decodeMap(png)).toEqual(map);
    }
  });

  it("writes 16-bit only when a value exceeds 255", () => {
    const small: LabelMap = { width: 3, height: 2, data: Uint16Array.from([0, 1, 2, 255, 4, 5]) };
    const png8 = encodeLabelMap(small);
    expect(readPngHeader(png8).bitDepth).toBe(8);
    expect(Array.from(decodeLabelMap(png8).data)).toEqual([0, 1, 2, 255, 4, 5]);
    const wide: LabelMap = { width: 3, height: 2, data: Uint16Array.from([0, 256, 2, 65535, 4, 300]) };
    const png16 = encodeLabelMap(wide);
    expect(readPngHeader(png16).bitDepth).toBe(16);
    expect(decodeLabelMap(png16)).toEqual(wide);
  });

  it("refuses data that does not fill width x height", () => {
    expect(catchAppError(() => encodeLabelMap({ width: 3, height: 3, data: new Uint8Array(8) })).message).toBe(
      "label map: 8 values do not fill 3x3 pixels",
    );
  });
});

describe("renderColorizedMask", () => {
  const colors: Rgb[] = [
    [10, 20, 30],
    [200, 100, 50],
  ];

  it("colours each class, makes ignore and uncoloured values transparent", () => {
    const map: LabelMap = { width: 4, height: 1, data: Uint8Array.from([0, 1, 255, 7]) };
    expect(rgbaPixels(renderColorizedMask(map, colors, { ignoreValues: [255] }))).toEqual([
      [10, 20, 30, 255],
      [200, 100, 50, 255],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it("applies alpha and a void colour, also for 16-bit maps", () => {
    const map: LabelMap = { width: 3, height: 1, data: Uint16Array.from([1, 1000, 0]) };
    expect(rgbaPixels(renderColorizedMask(map, colors, { alpha: 128, voidColor: [224, 224, 192], ignoreValues: [1000] }))).toEqual([
      [200, 100, 50, 128],
      [224, 224, 192, 128],
      [10, 20, 30, 128],
    ]);
  });
});

describe("renderErrorMap", () => {
  it("paints correct green, wrong red and ignored solid grey (as the legend shows)", () => {
    const gt: LabelMap = { width: 2, height: 2, data: Uint8Array.from([0, 1, 255, 2]) };
    const pred: LabelMap = { width: 2, height: 2, data: Uint8Array.from([0, 2, 0, 2]) };
    expect(rgbaPixels(renderErrorMap(gt, pred, { ignoreValues: [255] }))).toEqual([
      [...ERROR_MAP_COLORS.correct],
      [...ERROR_MAP_COLORS.wrong],
      [...ERROR_MAP_COLORS.ignored],
      [...ERROR_MAP_COLORS.correct],
    ]);
    expect(ERROR_MAP_COLORS.correct).toEqual([46, 160, 67, 255]);
    expect(ERROR_MAP_COLORS.wrong).toEqual([214, 39, 40, 255]);
    expect(ERROR_MAP_COLORS.ignored).toEqual([128, 128, 128, 255]);
  });

  it("compares 8-bit ground truth with a 16-bit prediction by value", () => {
    const gt: LabelMap = { width: 3, height: 1, data: Uint8Array.from([5, 5, 6]) };
    const pred: LabelMap = { width: 3, height: 1, data: Uint16Array.from([5, 261, 6]) };
    expect(rgbaPixels(renderErrorMap(gt, pred))).toEqual([[...ERROR_MAP_COLORS.correct], [...ERROR_MAP_COLORS.wrong], [...ERROR_MAP_COLORS.correct]]);
  });

  it("refuses maps of different sizes", () => {
    const a: LabelMap = { width: 2, height: 1, data: new Uint8Array(2) };
    const b: LabelMap = { width: 1, height: 2, data: new Uint8Array(2) };
    expect(catchAppError(() => renderErrorMap(a, b)).message).toBe("prediction: size 1x2 differs from ground truth (2x1); both must have the same size");
  });
});
