import { describe, expect, it } from "vitest";
import { parseClassesFile, resolveClassSpec, toRgb } from "./class-spec";

describe("class list from --classes / --num-classes / --ignore-index", () => {
  it("reads a plain array of names", () => {
    const spec = resolveClassSpec({ file: { name: "c.json", content: parseClassesFile('["road", "car"]', "c.json") }, ignoreIndex: 255 });
    expect(spec).toEqual({ names: ["road", "car"], colors: undefined, ignoreIndex: 255, voidColor: undefined });
  });

  it("reads objects with colours in both notations, ignore_index and a void colour", () => {
    const text = JSON.stringify({ classes: [{ name: "road", color: [128, 64, 128] }, { name: "car", color: "#00008E" }], ignore_index: 255, void: { color: "#010203" } });
    const spec = resolveClassSpec({ file: { name: "c.json", content: parseClassesFile(text, "c.json") } });
    expect(spec.colors).toEqual([[128, 64, 128], [0, 0, 142]]);
    expect(spec.ignoreIndex).toBe(255);
    expect(spec.voidColor).toEqual([1, 2, 3]);
  });

  it("accepts a dataset classes.json with extra keys and takes void.index as the ignore index", () => {
    const text = JSON.stringify({ dataset: "x", classes: [{ index: 0, name: "sky", color: [1, 1, 1], extra: 1 }], void: { index: 11, name: "void", color: [0, 0, 0] } });
    const spec = resolveClassSpec({ file: { name: "c.json", content: parseClassesFile(text, "c.json") }, numClasses: 1 });
    expect(spec.ignoreIndex).toBe(11);
    expect(resolveClassSpec({ file: { name: "c.json", content: parseClassesFile(text, "c.json") }, ignoreIndex: 200 }).ignoreIndex).toBe(200);
  });

  it("names classes from --num-classes alone and has no ignore index by default", () => {
    expect(resolveClassSpec({ numClasses: 3 })).toMatchObject({ names: ["class 0", "class 1", "class 2"], ignoreIndex: null });
  });

  it("refuses bad input with the file name and the reason", () => {
    expect(() => parseClassesFile("{", "a.json")).toThrow(/^a\.json: not valid JSON/);
    expect(() => parseClassesFile('{"classes": []}', "a.json")).toThrow(/^a\.json: /);
    expect(() => parseClassesFile('[{"color": [1, 2, 3]}]', "a.json")).toThrow(/^a\.json: /);
    expect(() => parseClassesFile('{"classes": [{"name": "a", "color": [1, 2, 300]}]}', "a.json")).toThrow(/^a\.json: .*colours/);
    expect(() => resolveClassSpec({})).toThrow(/--classes FILE or --num-classes N/);
    expect(() => resolveClassSpec({ numClasses: 4, ignoreIndex: 3 })).toThrow(/ignore index 3 is a class index/);
  });

  it("converts #rrggbb", () => {
    expect(toRgb("#ff8001")).toEqual([255, 128, 1]);
  });
});
