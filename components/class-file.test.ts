import { describe, expect, it } from "vitest";
import { classesField, namesFromText, readClassFile } from "./class-file";

describe("readClassFile", () => {
  it("reads a CVAT labelmap.txt with its colours", () => {
    const draft = readClassFile("# label:color_rgb:parts:actions\nbackground:0,0,0::\nroad:128,64,128::\n", "labelmap.txt");
    expect(draft).toEqual({ names: ["background", "road"], colors: { background: [0, 0, 0], road: [128, 64, 128] } });
  });

  it("keeps the colours of a classes.json and leaves others to the server's defaults", () => {
    const draft = readClassFile(JSON.stringify({ classes: [{ name: "Sky", color: [70, 130, 180] }, { name: "car" }] }), "classes.json");
    expect(draft).toEqual({ names: ["Sky", "car"], colors: { sky: [70, 130, 180] } });
    expect(readClassFile('["road","car"]', "c.json")).toEqual({ names: ["road", "car"], colors: {} });
  });

  it("reads plain text as one name per line", () => {
    expect(readClassFile("road\r\n\ncar\n", "names.txt")).toEqual({ names: ["road", "car"], colors: {} });
  });

  it("names the file when JSON is not a class list", () => {
    expect(() => readClassFile('{"classes": 3}', "bad.json")).toThrow(/^bad\.json: /);
  });
});

describe("classesField", () => {
  it("sends names alone without colours, and name+colour objects when some are known (matched ignoring case)", () => {
    expect(classesField({ names: ["road", "car"], colors: {} })).toBe('["road","car"]');
    expect(JSON.parse(classesField({ names: ["Road", "car"], colors: { road: [1, 2, 3] } }))).toEqual({ classes: [{ name: "Road", color: [1, 2, 3] }, { name: "car" }] });
  });
});

describe("labelmap detection and the Classes box", () => {
  it("reads labelmap.txt as a labelmap even when a line lacks its colour, and names that line", () => {
    expect(() => readClassFile("background:0,0,0::\nvoid:::\n", "labelmap.txt")).toThrow(/^labelmap\.txt line 2: expected "name:r,g,b::"/);
    expect(() => readClassFile("# label:color_rgb:parts:actions\nroad:::\n", "classes.txt")).toThrow(/classes\.txt line 2/);
  });

  it("reads the Classes box like a file, falling back to one name per line", () => {
    expect(namesFromText('["road","car"]')).toEqual(["road", "car"]);
    expect(namesFromText("road\ncar\n")).toEqual(["road", "car"]);
    expect(namesFromText('["road",')).toEqual(['["road",']);
  });
});
