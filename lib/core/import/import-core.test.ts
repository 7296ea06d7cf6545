import { describe, expect, it } from "vitest";
import { encode } from "fast-png";
import { parseLabelmap, readPngPalette } from "./class-sources";
import { checkEntryPath, isArchiveRoot, isOsMetadataPath, stemOf } from "./entry-path";
import { cityscapesMapping, VOC_CLASSES, vocColor } from "./layout-classes";
import { detectLayout } from "./layouts/detect-layout";
import { filesUnder } from "./layouts/file-tree";
import { parseTagsSidecar } from "./tags-sidecar";
import { sampleIndices } from "./value-histogram";
import { applyValueLut, buildValueLut, resolveIgnoreIndex } from "./value-mapping";

describe("isOsMetadataPath", () => {
  it.each(["__MACOSX/images/._a.png", "images/._a.png", "images/.DS_Store", "masks/Thumbs.db", "desktop.ini"])("skips %s", (p) => expect(isOsMetadataPath(p)).toBe(true));
  it.each(["images/a.png", "masks/_a.png", "a.b.png", "MACOSX/a.png"])("keeps %s", (p) => expect(isOsMetadataPath(p)).toBe(false));
});

describe("isArchiveRoot", () => {
  it.each(["./", ".", "./.", ".\\"])("is true for %j", (p) => expect(isArchiveRoot(p)).toBe(true));
  it.each(["", "a/", "./a", "..", "../"])("is false for %j", (p) => expect(isArchiveRoot(p)).toBe(false));
});

describe("checkEntryPath", () => {
  it.each(["a/b.png", "./a//b.png", "a\\b.png"])("cleans %s", (p) => expect(checkEntryPath(p)).toBe("a/b.png"));
  it.each([
    ["../x", /zip slip/],
    ["a/../../x", /zip slip/],
    ["/etc/passwd", /absolute/],
    ["\\\\server\\share", /absolute/],
    ["C:\\x", /drive letter/],
    ["a\0b", /NUL/],
    ["", /empty/],
  ])("refuses %j", (p, re) => expect(() => checkEntryPath(p, "up.zip")).toThrow(re));
  it("stems", () => expect(stemOf("a/b.c.png")).toBe("b.c"));
});

describe("class sources", () => {
  it("parses a CVAT labelmap.txt and refuses a bad line, naming it", () => {
    expect(parseLabelmap("# label:color_rgb:parts:actions\nbackground:0,0,0::\ncar:250,50,83::\n")).toEqual([
      { index: 0, name: "background", color: [0, 0, 0] },
      { index: 1, name: "car", color: [250, 50, 83] },
    ]);
    expect(() => parseLabelmap("car:300,0,0::", "lm.txt")).toThrow(/lm\.txt line 1/);
  });
  it("reads a PNG palette; VOC colours match the standard map", () => {
    const palette: [number, number, number][] = [[0, 0, 0], [128, 0, 0], [0, 128, 0]];
    const png = encode({ width: 2, height: 1, data: new Uint8Array([0, 2]), channels: 1, depth: 8, palette });
    expect(readPngPalette(png)).toEqual(palette);
    expect(vocColor(255)).toEqual([224, 224, 192]);
    expect(VOC_CLASSES[15]).toMatchObject({ name: "person", color: [192, 128, 128] });
  });
});

describe("value mapping", () => {
  it("Cityscapes labelIds go to trainIds, unlabeled ones to void", () => {
    const m = cityscapesMapping();
    expect([m[7], m[26], m[33], m[0], m[9]]).toEqual([0, 13, 18, "void", "void"]);
  });
  it("applies a lookup and names undeclared values with pixel counts", () => {
    const lut = buildValueLut({ 5: 1, 9: "void" }, 2, null);
    const ignore = resolveIgnoreIndex(2, null, { 9: "void" });
    expect(ignore).toBe(255);
    const out = applyValueLut({ width: 4, height: 1, data: new Uint8Array([0, 5, 9, 1]) }, lut, ignore, "m.png");
    expect([...out.data]).toEqual([0, 1, 255, 1]);
    expect(() => applyValueLut({ width: 2, height: 1, data: new Uint8Array([7, 7]) }, lut, ignore, "m.png")).toThrow(/m\.png: undeclared mask values 7 \(2 px\)/);
    expect(() => buildValueLut({ 3: 4 }, 2, null)).toThrow(/neither a class index 0\.\.1 nor "void"/);
  });
  it("samples big sets evenly", () => {
    expect(sampleIndices(3, 10)).toEqual([0, 1, 2]);
    expect(sampleIndices(1001, 5)).toEqual([0, 250, 500, 750, 1000]);
  });
});

describe("tags sidecar and detection", () => {
  it("reads JSON and CSV tags", () => {
    expect(parseTagsSidecar('{"a.png": ["night", "occluded"], "b": "low-light;night"}', "t.json")).toEqual(
      new Map([["a", ["night", "occluded"]], ["b", ["low-light", "night"]]]),
    );
    expect(parseTagsSidecar('name,tags\na,"night;occluded"\nb,low-light,night\n', "t.csv").get("b")).toEqual(["low-light", "night"]);
  });
  it("refuses a tag with \";\" or a control character, naming it: into the problems when given, else thrown", () => {
    const problems: { file: string; problem: string }[] = [];
    expect(parseTagsSidecar('{"a": ["night", "rain;fog"]}', "t.json", problems)).toEqual(new Map([["a", ["night"]]]));
    expect(problems).toEqual([{ file: "t.json", problem: expect.stringMatching(/^sample "a": tag "rain;fog" contains ";"/) }]);
    expect(() => parseTagsSidecar('{"a": ["rain;fog"]}', "t.json")).toThrow(/^t\.json sample "a": tag "rain;fog" contains ";"/);
    expect(() => parseTagsSidecar("a,dusk\u0001\n", "t.csv")).toThrow(/t\.csv line 1: tag "dusk\\u0001" contains a control character/);
    expect(() => parseTagsSidecar(`{"a": ["${"x".repeat(65)}"]}`, "t.json")).toThrow(/is longer than 64 characters/);
  });
  it("picks the shallowest layout", () => {
    expect(detectLayout(["x/VOC2012/JPEGImages/a.jpg", "x/VOC2012/SegmentationClass/a.png"])).toEqual({ layout: "voc", root: "x/VOC2012" });
    expect(detectLayout(["images/a.png", "masks/a.png"])).toEqual({ layout: "pairs", root: "" });
    expect(detectLayout(["a.png"])).toBeNull();
  });
});

describe("filesUnder", () => {
  it("leaves out both files of a duplicated name (a.png and a.jpg), each with a problem, and keeps the rest", () => {
    const problems: { file: string; problem: string }[] = [];
    const out = filesUnder(["images/a.jpg", "images/a.png", "images/b.png", "images/c.png", "images/c.jpg", "images/c.webp"], "images", new Set([".png", ".jpg", ".webp"]), problems, "image");
    expect([...out.entries()]).toEqual([["b", "images/b.png"]]);
    expect(problems.map((p) => p.file).sort()).toEqual(["images/a.jpg", "images/a.png", "images/c.jpg", "images/c.png", "images/c.webp"]);
    expect(problems.every((p) => p.problem.endsWith("neither is imported"))).toBe(true);
  });
});
