import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseClassList } from "./classes";

const shared = path.resolve(__dirname, "../../../shared/datasets");

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

  describe.skipIf(!existsSync(shared))("shared dataset class files", () => {
    it("reads CamVid, VOC and ISIC classes.json", () => {
      const camvid = parseClassList(readFileSync(path.join(shared, "camvid/classes.json"), "utf8"));
      expect(camvid.classes).toHaveLength(11);
      expect(camvid.ignoreIndex).toBe(11);
      const voc = parseClassList(readFileSync(path.join(shared, "voc2012_palette/classes.json"), "utf8"));
      expect(voc.classes).toHaveLength(21);
      expect(voc.ignoreIndex).toBe(255);
      const isic = parseClassList(readFileSync(path.join(shared, "isic2017_lesion/classes.json"), "utf8"));
      expect(isic.classes.map((c) => c.name)).toEqual(["background", "lesion"]);
      expect(isic.ignoreIndex).toBeNull();
    });
  });
});
