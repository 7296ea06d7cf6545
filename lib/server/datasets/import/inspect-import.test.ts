import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { vocColor } from "@/lib/core/import/layout-classes";
import { decodeLabelMap } from "@/lib/core/masks";
import { openFolderSource } from "./import-source";
import { inspectImport } from "./inspect-import";
import { readPlanSamples } from "./mask-reader";
import { colorMaskPng, makeTempDir, maskPng, palettePng, rgbPng, writeTree } from "./test-fixtures";

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => (tmp = await makeTempDir()));
afterEach(() => tmp.cleanup());

async function inspectTree(files: Record<string, Uint8Array | string>, opts: Parameters<typeof inspectImport>[1] = {}) {
  await writeTree(tmp.dir, files);
  const source = await openFolderSource({ dir: tmp.dir });
  return { source, report: await inspectImport(source, opts) };
}

async function firstMaskValues(source: Awaited<ReturnType<typeof openFolderSource>>, plan: Parameters<typeof readPlanSamples>[1]) {
  for await (const s of readPlanSamples(source, plan)) return [...new Set(decodeLabelMap(s.mask).data)].sort((a, b) => a - b);
  return [];
}

describe("layouts on generated fixtures", () => {
  it("pairs: images/ + masks/ under a wrapper folder, classes.json, tags.json; problems per file", async () => {
    const { report } = await inspectTree({
      "ds/images/a.png": rgbPng(4, 3),
      "ds/images/b.jpg": "not really a jpeg",
      "ds/images/c.png": rgbPng(4, 3),
      "ds/images/d.png": rgbPng(5, 3),
      "ds/masks/a.png": maskPng(4, 3, [0, 1, 255]),
      "ds/masks/b.png": maskPng(4, 3, [0]),
      "ds/masks/d.png": maskPng(4, 3, [0, 7]),
      "ds/masks/e.png": maskPng(4, 3, [0]),
      "ds/classes.json": JSON.stringify({ classes: [{ name: "bg", color: [0, 0, 0] }, { name: "fg", color: [255, 0, 0] }], ignore_index: 255 }),
      "ds/tags.json": JSON.stringify({ a: ["night"], zz: ["x"] }),
    });
    const { plan } = report;
    expect(plan).toMatchObject({ layout: "pairs", root: "ds", classSource: "classes-file", ignoreIndex: 255 });
    expect(plan.samples.map((s) => s.name)).toEqual(["a", "b", "d"]);
    expect(plan.samples[0].tags).toEqual(["night"]);
    const byFile = Object.fromEntries(report.problems.map((p) => [p.file, p.problem]));
    expect(byFile["ds/images/c.png"]).toMatch(/missing mask/);
    expect(byFile["ds/masks/e.png"]).toMatch(/missing image/);
    expect(byFile["ds/images/b.jpg"]).toMatch(/unreadable or not an image/);
    expect(byFile["ds/masks/d.png"]).toMatch(/size mismatch: mask is 4x3, its image ds\/images\/d\.png is 5x3|undeclared values 7 \(6 px\)/);
    expect(report.problems.filter((p) => p.file === "ds/masks/d.png").map((p) => p.problem).join(" | ")).toMatch(/undeclared values 7 \(6 px\)/);
    expect(byFile["ds/tags.json"]).toMatch(/"zz", which is not a sample/);
    expect(report.invalidSamples).toEqual(["b", "d"]);
    expect(report.values.undeclared).toEqual([7]);
    expect(report.values.rows.find((r) => r.value === 255)).toMatchObject({ target: "void", images: 1 });
  });

  it("a tag with \";\" or a control character in tags.json / tags.csv is a problem of that file naming the tag; the sample's other tags stay", async () => {
    const tree = {
      "images/a.png": rgbPng(4, 3),
      "images/b.png": rgbPng(4, 3),
      "masks/a.png": maskPng(4, 3, [0, 1]),
      "masks/b.png": maskPng(4, 3, [0]),
      "classes.json": JSON.stringify(["bg", "fg"]),
    };
    const json = await inspectTree({ ...tree, "tags.json": JSON.stringify({ a: ["night", "rain;fog"], b: ["dusk\u0007"] }) });
    expect(json.report.plan.samples.map((s) => [s.name, s.tags])).toEqual([["a", ["night"]], ["b", []]]);
    const jsonProblems = json.report.problems.filter((p) => p.file === "tags.json").map((p) => p.problem);
    expect(jsonProblems).toEqual([expect.stringMatching(/^sample "a": tag "rain;fog" contains ";"/), expect.stringMatching(/^sample "b": tag "dusk\\u0007" contains a control character \(U\+0007\)/)]);
    await tmp.cleanup();
    tmp = await makeTempDir();
    const csv = await inspectTree({ ...tree, "tags.csv": "name,tags\na,night\tlate\n" });
    expect(csv.report.problems).toContainEqual({ file: "tags.csv", problem: expect.stringMatching(/^line 2: tag "night\\tlate" contains a tab \(U\+0009\)/) });
  });

  it("voc: palette masks, 255 void, ImageSets splits as tags or one chosen split", async () => {
    const palette = Array.from({ length: 256 }, (_, i) => vocColor(i));
    const files = {
      "VOC2012/JPEGImages/2007_1.jpg": rgbPng(4, 2),
      "VOC2012/JPEGImages/2007_2.jpg": rgbPng(4, 2),
      "VOC2012/JPEGImages/2007_3.jpg": rgbPng(4, 2),
      "VOC2012/SegmentationClass/2007_1.png": palettePng(4, 2, [0, 9, 255], palette),
      "VOC2012/SegmentationClass/2007_2.png": palettePng(4, 2, [0, 12], palette),
      "VOC2012/ImageSets/Segmentation/train.txt": "2007_1\n",
      "VOC2012/ImageSets/Segmentation/val.txt": "2007_2\n",
      "VOC2012/ImageSets/Segmentation/trainval.txt": "2007_1\n2007_2\n",
    };
    const { source, report } = await inspectTree(files);
    expect(report.plan).toMatchObject({ layout: "voc", root: "VOC2012", ignoreIndex: 255, classSource: "layout" });
    expect(report.plan.classes).toHaveLength(21);
    expect(report.plan.samples.map((s) => [s.name, s.tags])).toEqual([["2007_1", ["train"]], ["2007_2", ["val"]]]);
    expect(report.problems).toEqual([]);
    expect(await firstMaskValues(source, report.plan)).toEqual([0, 9, 255]);
    const val = await inspectImport(source, { split: "val" });
    expect(val.plan.samples.map((s) => s.name)).toEqual(["2007_2"]);
  });

  it("cityscapes: labelIds mapped to the 19 train ids, others void", async () => {
    const files = {
      "leftImg8bit/val/frankfurt/frankfurt_000000_000294_leftImg8bit.png": rgbPng(4, 2),
      "gtFine/val/frankfurt/frankfurt_000000_000294_gtFine_labelIds.png": maskPng(4, 2, [7, 26, 1, 33]),
      "gtFine/val/frankfurt/frankfurt_000000_000294_gtFine_color.png": rgbPng(4, 2),
    };
    const { source, report } = await inspectTree(files);
    expect(report.plan).toMatchObject({ layout: "cityscapes", ignoreIndex: 255 });
    expect(report.plan.classes).toHaveLength(19);
    expect(report.plan.samples[0].name).toBe("frankfurt_000000_000294");
    expect(report.problems).toEqual([]);
    expect(report.values.rows.map((r) => [r.value, r.targetName])).toEqual([[1, "void"], [7, "road"], [26, "car"], [33, "bicycle"]]);
    expect(await firstMaskValues(source, report.plan)).toEqual([0, 13, 18, 255]);
  });

  it("camvid (SegNet): test/ + testannot/, val/ + valannot/, void 11, split tags", async () => {
    const { report } = await inspectTree({
      "CamVid/test/0001TP_1.png": rgbPng(4, 2),
      "CamVid/testannot/0001TP_1.png": maskPng(4, 2, [0, 11]),
      "CamVid/val/0016E5_1.png": rgbPng(4, 2),
      "CamVid/valannot/0016E5_1.png": maskPng(4, 2, [3, 10]),
    });
    expect(report.plan).toMatchObject({ layout: "camvid", root: "CamVid", ignoreIndex: 11, splits: ["val", "test"] });
    expect(report.plan.classes.map((c) => c.name)).toContain("Bicyclist");
    expect(report.plan.samples.map((s) => [s.name, s.tags])).toEqual([["0001TP_1", ["test"]], ["0016E5_1", ["val"]]]);
    expect(report.problems).toEqual([]);
  });

  it("ade20k: images/ + annotations/ with split folders, reduce-zero-label by default, off on request", async () => {
    const files = {
      "ADEChallengeData2016/images/validation/ADE_val_1.jpg": rgbPng(4, 2),
      "ADEChallengeData2016/annotations/validation/ADE_val_1.png": maskPng(4, 2, [0, 1, 3]),
      "ADEChallengeData2016/objectInfo150.csv": "Idx,Name\n",
    };
    const { source, report } = await inspectTree(files);
    expect(report.plan).toMatchObject({ layout: "ade20k", ignoreIndex: 255, classSource: "generic" });
    expect(report.plan.classes.map((c) => c.name)).toEqual(["class 0", "class 1", "class 2"]);
    expect(await firstMaskValues(source, report.plan)).toEqual([0, 2, 255]);
    const raw = await inspectImport(source, { reduceZeroLabel: false });
    expect(raw.plan.ignoreIndex).toBeNull();
    expect(raw.plan.classes).toHaveLength(4);
  });

  it("RGB colour masks through a CVAT labelmap.txt; refused as 'not a label map' without colours", async () => {
    const { source, report } = await inspectTree({
      "images/a.png": rgbPng(3, 2),
      "masks/a.png": colorMaskPng(3, 2, [[0, 0, 0], [250, 50, 83]]),
      "labelmap.txt": "# label:color_rgb:parts:actions\nbackground:0,0,0::\ncar:250,50,83::\n",
    });
    expect(report.plan).toMatchObject({ classSource: "labelmap", rgbMasks: true });
    expect(report.problems).toEqual([]);
    expect(await firstMaskValues(source, report.plan)).toEqual([0, 1]);
    const bare = await inspectImport(source, { classes: { text: '["background", "car"]', fileName: "classes.json" } });
    expect(bare.problems[0]).toMatchObject({ file: "masks/a.png", problem: expect.stringMatching(/RGB colour image, not a label map/) });
  });

  it("one kind of mask per dataset: an RGB mask among grey ones (and a grey one among RGB ones) is refused naming the file", async () => {
    const classes = JSON.stringify({ classes: [{ name: "bg", color: [0, 0, 0] }, { name: "car", color: [250, 50, 83] }] });
    const { report } = await inspectTree({
      "images/a.png": rgbPng(3, 2),
      "images/b.png": rgbPng(3, 2),
      "masks/a.png": maskPng(3, 2, [0, 1]),
      "masks/b.png": colorMaskPng(3, 2, [[0, 0, 0], [250, 50, 83]]),
      "classes.json": classes,
    });
    expect(report.plan.rgbMasks).toBe(false);
    expect(report.problems).toEqual([{ file: "masks/b.png", problem: "an RGB colour mask, but this dataset's masks are grey or palette masks of class values (as its first mask is): save every mask the same way" }]);
    await tmp.cleanup();
    tmp = await makeTempDir();
    const { report: mixed } = await inspectTree({
      "images/a.png": rgbPng(3, 2),
      "images/b.png": rgbPng(3, 2),
      "masks/a.png": colorMaskPng(3, 2, [[0, 0, 0], [250, 50, 83]]),
      "masks/b.png": maskPng(3, 2, [0, 1]),
      "classes.json": classes,
    });
    expect(mixed.plan.rgbMasks).toBe(true);
    expect(mixed.problems).toEqual([{ file: "masks/b.png", problem: "a grey or palette mask, but this dataset's masks are RGB colour masks (as its first mask is): save every mask the same way" }]);
  });

  it("user mapping sends undeclared values to classes or void; auto-detect failure names what it expected", async () => {
    const { source, report } = await inspectTree({
      "images/a.png": rgbPng(4, 2),
      "masks/a.png": maskPng(4, 2, [0, 1, 200]),
      "classes.json": '["bg", "fg"]',
    });
    expect(report.values.undeclared).toEqual([200]);
    const mapped = await inspectImport(source, { mapping: { 200: "void" } });
    expect(mapped.problems).toEqual([]);
    expect(mapped.plan.ignoreIndex).toBe(255);
    expect(await firstMaskValues(source, mapped.plan)).toEqual([0, 1, 255]);
    await expect(inspectImport({ ...source, files: ["x/a.png"] })).rejects.toThrow(/no known dataset layout; expected images\/ \+ masks\/ \(pairs\)/);
  });
});

const shared = path.resolve(import.meta.dirname, "../../../../../shared/datasets");
const hasShared = (await readFile(path.join(shared, "camvid/README.md")).catch(() => null)) !== null;
if (!hasShared) console.warn(`Skipping the shared-dataset import tests: ${shared} not found (the shared datasets are not on this machine).`);

describe.skipIf(!hasShared)("shared datasets", () => {
  it("camvid/val: pairs, 101 samples, 11 classes, void 11", async () => {
    const source = await openFolderSource({ dir: path.join(shared, "camvid/val") });
    const text = await readFile(path.join(shared, "camvid/classes.json"), "utf8");
    const t = Date.now();
    const report = await inspectImport(source, { classes: { text, fileName: "camvid/classes.json" } });
    console.log(`camvid/val inspect: ${Date.now() - t} ms`);
    expect(report.plan).toMatchObject({ layout: "pairs", ignoreIndex: 11 });
    expect(report.plan.samples).toHaveLength(101);
    expect(report.plan.classes).toHaveLength(11);
    expect(report.problems).toEqual([]);
    expect(report.values).toMatchObject({ scannedMasks: 101, sampled: false, undeclared: [] });
    expect(report.values.rows.find((r) => r.value === 11)).toMatchObject({ pixels: 297271, images: 101, target: "void" });
    expect(report.values.rows.find((r) => r.value === 0)).toMatchObject({ pixels: 1601620 });
  });

  it("voc2012_palette: palette masks, 255 void (object_masks ignored)", async () => {
    const source = await openFolderSource({ dir: path.join(shared, "voc2012_palette") });
    const report = await inspectImport(source);
    expect(report.plan).toMatchObject({ layout: "pairs", ignoreIndex: 255, classSource: "classes-file" });
    expect(report.plan.classes).toHaveLength(21);
    expect(report.problems).toEqual([]);
    expect(report.values.rows.map((r) => [r.value, r.pixels, r.targetName])).toEqual([[0, 72224, "background"], [9, 78930, "chair"], [12, 27632, "dog"], [255, 8714, "void"]]);
    for await (const s of readPlanSamples(source, report.plan)) expect(s.mask).toBe(s.mask); // identity mapping keeps the original bytes
  });

  it("isic2017_lesion: binary masks, JPEG images, 98 samples", async () => {
    const source = await openFolderSource({ dir: path.join(shared, "isic2017_lesion") });
    const report = await inspectImport(source);
    expect(report.plan).toMatchObject({ layout: "pairs", ignoreIndex: null });
    expect(report.plan.samples).toHaveLength(98);
    expect(report.problems).toEqual([]);
    expect(report.values.rows.map((r) => [r.value, r.pixels])).toEqual([[0, 24291239], [1, 3008601]]);
  });

  it("samples the scan on big sets and says so", async () => {
    const source = await openFolderSource({ dir: path.join(shared, "camvid/val") });
    const text = await readFile(path.join(shared, "camvid/classes.json"), "utf8");
    const report = await inspectImport(source, { classes: { text, fileName: "classes.json" }, limits: { scanMasks: 20 } });
    expect(report.values).toMatchObject({ scannedMasks: 20, totalMasks: 101, sampled: true });
  });
});
