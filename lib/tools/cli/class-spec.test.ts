import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseClassList } from "@/lib/core/classes/class-list";
import { resolveClassSpec } from "./class-spec";
import { repoRoot } from "./cli-test-helpers";

const fromText = (text: string, name = "c.json") => ({ name, content: parseClassList(text, name) });

describe("class list from --classes / --num-classes / --ignore-index", () => {
  it("reads a plain array of names", () => {
    const spec = resolveClassSpec({ file: fromText('["road", "car"]'), ignoreIndex: 255 });
    expect(spec).toEqual({ names: ["road", "car"], colors: undefined, ignoreIndex: 255, voidColor: undefined });
  });

  it("reads objects with colours in both notations, ignore_index and a void colour", () => {
    const text = JSON.stringify({ classes: [{ name: "road", color: [128, 64, 128] }, { name: "car", color: "#00008E" }], ignore_index: 255, void: { color: "#010203" } });
    const spec = resolveClassSpec({ file: fromText(text) });
    expect(spec.colors).toEqual([[128, 64, 128], [0, 0, 142]]);
    expect(spec.ignoreIndex).toBe(255);
    expect(spec.voidColor).toEqual([1, 2, 3]);
  });

  it("takes void.index as the ignore index when ignore_index is absent, and --ignore-index over both", () => {
    const text = JSON.stringify({ dataset: "x", classes: [{ index: 0, name: "sky", color: [1, 1, 1], extra: 1 }], void: { index: 11, name: "void", color: [0, 0, 0] } });
    expect(resolveClassSpec({ file: fromText(text), numClasses: 1 })).toMatchObject({ ignoreIndex: 11, voidColor: [0, 0, 0] });
    expect(resolveClassSpec({ file: fromText(text), ignoreIndex: 200 }).ignoreIndex).toBe(200);
  });

  it("drops the void colour when there is no ignore index", () => {
    const text = JSON.stringify({ classes: [{ name: "a", color: [1, 1, 1] }], void: { color: [0, 0, 0] } });
    expect(resolveClassSpec({ file: fromText(text) })).toMatchObject({ ignoreIndex: null, voidColor: undefined });
  });

  it("names classes from --num-classes alone and has no ignore index by default", () => {
    expect(resolveClassSpec({ numClasses: 3 })).toMatchObject({ names: ["class 0", "class 1", "class 2"], ignoreIndex: null });
  });

  it("refuses a partly coloured list, a count mismatch, no class list and an ignore index inside the classes", () => {
    const partial = JSON.stringify({ classes: [{ name: "a", color: [1, 2, 3] }, { name: "b" }] });
    expect(() => resolveClassSpec({ file: fromText(partial, "p.json") })).toThrow(/^p\.json: class 1 \("b"\) has no colour/);
    expect(() => resolveClassSpec({ file: fromText('["a", "b"]', "t.json"), numClasses: 3 })).toThrow(/--num-classes 3 disagrees with t\.json, which lists 2 classes/);
    expect(() => resolveClassSpec({})).toThrow(/--classes FILE or --num-classes N/);
    expect(() => resolveClassSpec({ numClasses: 4, ignoreIndex: 3 })).toThrow(/ignore index 3 is a class index/);
  });

  const shared = path.resolve(repoRoot, "../shared/datasets");
  if (!existsSync(shared)) console.warn(`class-spec.test.ts: skipping the shared classes.json checks: ${shared} is absent`);
  describe.skipIf(!existsSync(shared))("the shared datasets' classes.json", () => {
    const read = (rel: string) => fromText(readFileSync(path.join(shared, rel), "utf8"), rel);
    it("reads CamVid, VOC and ISIC as they are", () => {
      expect(resolveClassSpec({ file: read("camvid/classes.json") })).toMatchObject({ ignoreIndex: 11, voidColor: [0, 0, 0] });
      expect(resolveClassSpec({ file: read("camvid/classes.json") }).colors).toHaveLength(11);
      expect(resolveClassSpec({ file: read("voc2012_palette/classes.json") })).toMatchObject({ ignoreIndex: 255, voidColor: [224, 224, 192] });
      expect(resolveClassSpec({ file: read("isic2017_lesion/classes.json") })).toMatchObject({ names: ["background", "lesion"], ignoreIndex: null });
    });
  });
});
