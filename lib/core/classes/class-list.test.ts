import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { classNamesProblem, parseClassList } from "./class-list";

const shared = path.resolve(__dirname, "../../../../shared/datasets");

describe("parseClassList", () => {
  it("reads a JSON array of names in index order with default colours", () => {
    const list = parseClassList('["bg", "road"]');
    expect(list.classes.map((c) => [c.index, c.name])).toEqual([[0, "bg"], [1, "road"]]);
    expect(list.ignoreIndex).toBeNull();
    expect(list.hasColors).toBe(false);
    expect(list.classes[0].color).not.toEqual(list.classes[1].color);
  });

  it("reads {classes, ignore_index} with [r,g,b] and #hex colours", () => {
    const list = parseClassList('{"classes": [{"name": "a", "color": [1,2,3]}, {"name": "b", "color": "#0a0B0c"}], "ignore_index": 255}');
    expect(list.classes[1].color).toEqual([10, 11, 12]);
    expect(list.ignoreIndex).toBe(255);
    expect(list.hasColors).toBe(true);
  });

  it("names the file and the problem", () => {
    expect(() => parseClassList("{", "c.json")).toThrow(/c\.json: not valid JSON/);
    expect(() => parseClassList('{"classes": []}', "c.json")).toThrow(/c\.json/);
    expect(() => parseClassList('{"classes": [{"name": "a", "index": 1}]}', "c.json")).toThrow(/index 1, expected 0/);
    expect(() => parseClassList('["a", "A"]', "c.json")).toThrow(/appears twice/);
    expect(() => parseClassList('{"classes": [{"name": "a"}, {"name": "b"}], "ignore_index": 1}', "c.json")).toThrow(/also a class index/);
  });

  it("refuses a class name with a line break or another control character, naming it", () => {
    expect(() => parseClassList(JSON.stringify(["bg", "road\nside"]), "c.json")).toThrow('c.json: class name "road\\nside" contains a line break (U+000A); class names must be printable text.');
    expect(() => parseClassList(JSON.stringify({ classes: [{ name: "a\u0000b" }] }), "c.json")).toThrow(/"a\\u0000b" contains a control character \(U\+0000\)/);
    expect(() => parseClassList(JSON.stringify(["sky\u007f"]), "c.json")).toThrow(/U\+007F/);
    expect(classNamesProblem(["road", "road\tside"])).toMatchObject({ name: "road\tside", reason: "control" });
    expect(classNamesProblem(["Sky", "sky"])).toMatchObject({ name: "sky", reason: "repeated" });
    expect(classNamesProblem(["road side", "über", "车"])).toBeNull();
  });

  it("reports classes without a colour and the void entry", () => {
    const list = parseClassList('{"classes": [{"name": "a", "color": [1,2,3]}, {"name": "b"}], "void": {"index": 255, "color": "#e0e0c0", "name": "void"}}');
    expect(list.hasColors).toBe(false);
    expect(list.missingColors).toEqual([1]);
    expect(list.voidEntry).toEqual({ index: 255, color: [224, 224, 192] });
    expect(list.ignoreIndex).toBeNull();
    expect(parseClassList('["a", "b"]').missingColors).toEqual([0, 1]);
    expect(parseClassList('{"classes": [{"name": "a"}], "ignore_index": null}')).toMatchObject({ ignoreIndex: null, voidEntry: null });
  });

  it("names the JSON path of a malformed entry", () => {
    expect(() => parseClassList('{"classes": [{"name": "a", "color": [1, 2, 300]}]}', "c.json")).toThrow(/^c\.json: .*\(classes\.0\.color: colours must be/);
    expect(() => parseClassList('{"classes": [{"name": "a"}], "void": {"color": "red"}}', "c.json")).toThrow(/\(void\.color: colours must be/);
    expect(() => parseClassList('{"classes": [{"name": "a"}], "void": {"index": -1}}', "c.json")).toThrow(/\(void\.index: must be a whole number from 0 to 65535\)/);
    expect(() => parseClassList('["a", 2]', "c.json")).toThrow(/\(1: class names must be non-empty strings\)/);
    expect(() => parseClassList("null", "c.json")).toThrow(/\(root: neither an array nor an object\)/);
  });

  if (!existsSync(shared)) console.warn(`classes.test.ts: skipping the shared dataset class files: ${shared} is absent`);
  describe.skipIf(!existsSync(shared))("shared dataset class files", () => {
    it("reads CamVid, VOC and ISIC classes.json", () => {
      const camvid = parseClassList(readFileSync(path.join(shared, "camvid/classes.json"), "utf8"));
      expect(camvid.classes).toHaveLength(11);
      expect(camvid.ignoreIndex).toBe(11);
      expect(camvid.voidEntry).toEqual({ index: 11, color: [0, 0, 0] });
      const voc = parseClassList(readFileSync(path.join(shared, "voc2012_palette/classes.json"), "utf8"));
      expect(voc.classes).toHaveLength(21);
      expect(voc.ignoreIndex).toBe(255);
      expect(voc.voidEntry).toEqual({ index: 255, color: [224, 224, 192] });
      const isic = parseClassList(readFileSync(path.join(shared, "isic2017_lesion/classes.json"), "utf8"));
      expect(isic.classes.map((c) => c.name)).toEqual(["background", "lesion"]);
      expect(isic.ignoreIndex).toBeNull();
    });
  });
});
