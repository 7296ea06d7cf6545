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

  it("reads a CSV by its header (CamVid's class_dict.csv) and names a bad line; refuses a binary file", () => {
    expect(readClassFile("name,r,g,b\nSky,128,128,128\nRoad,128,64,128\n", "class_dict.csv")).toEqual({ names: ["Sky", "Road"], colors: { sky: [128, 128, 128], road: [128, 64, 128] } });
    expect(readClassFile("id,name\n0,sky\n1,road", "c.csv")).toEqual({ names: ["sky", "road"], colors: {} });
    expect(() => readClassFile("sky,1 2 3", "c.csv")).toThrow('c.csv: a CSV class list needs a header line with a "name" column');
    expect(() => readClassFile("name,r,g,b\nsky,300,0,0", "c.csv")).toThrow("c.csv, line 2: r, g, b must be whole numbers 0–255.");
    expect(() => readClassFile("\u0008\u0001ONNX\u0000graph", "three.onnx")).toThrow("three.onnx: not a text file");
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
