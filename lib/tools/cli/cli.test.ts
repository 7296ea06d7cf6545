import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readGrey8 } from "@/lib/tools/bench/datasets";
import { encodePngAdaptive } from "@/lib/tools/bench/png-encode";
import { perturbPrediction } from "@/lib/tools/bench/perturb";
import { hashSeed } from "@/lib/tools/bench/rng";
import { HAND_FIXTURE, makeTempDir, repoRoot, runIntersect, writeGreyMasks, writeRgbMasks } from "./cli-test-helpers";

const TOP_KEYS = ["images", "numClasses", "ignoreIndex", "classes", "miou", "mdice", "pixelAccuracy", "perImageMiou", "confusion", "invalidPredictions", "contract"];
const CLASS_KEYS = ["index", "name", "iou", "dice", "precision", "recall", "tp", "fp", "fn", "boundaryIou"];

let tmp: string;
let gtDir: string;
let predDir: string;

beforeAll(() => {
  tmp = makeTempDir("cli");
  gtDir = writeGreyMasks(path.join(tmp, "gt"), HAND_FIXTURE.gt);
  predDir = writeGreyMasks(path.join(tmp, "pred"), HAND_FIXTURE.pred);
  writeFileSync(path.join(gtDir, "notes.txt"), "not a mask");
  mkdirSync(path.join(gtDir, "nested"));
  writeGreyMasks(path.join(gtDir, "nested"), { c: HAND_FIXTURE.gt.a });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const evaluate = (...extra: string[]) => runIntersect(["evaluate", "--gt", gtDir, "--pred", predDir, ...extra]);

/*
 * Hand-worked fixture (3 classes, ignore 255; class 2 never appears):
 *   total C = row0 [5, 1, 0 | spill 1], row1 [2, 5, 0 | spill 1], row2 all 0.
 *   class 0: TP 5, FP 2, FN 2 -> IoU 5/9, Dice 5/7, precision 5/7, recall 5/7
 *   class 1: TP 5, FP 1, FN 3 -> IoU 5/9, Dice 5/7, precision 5/6, recall 5/8
 *   pixel accuracy 10/15; per image mIoU a = (1/3 + 3/5)/2, b = (2/3 + 1/2)/2.
 *   A 4x2 image is all boundary (d = 1, 2d+1 > height), so boundary IoU = 5/9, 5/9.
 */
describe("intersect evaluate on a hand-worked fixture", () => {
  it("prints exactly the contract's JSON keys and the hand-computed numbers", () => {
    const run = evaluate("--num-classes", "3", "--ignore-index", "255");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out)).toEqual(TOP_KEYS);
    for (const c of out.classes) expect(Object.keys(c)).toEqual(CLASS_KEYS);
    expect(out.images).toBe(2);
    expect(out.numClasses).toBe(3);
    expect(out.ignoreIndex).toBe(255);
    expect(out.classes.map((c: { name: string }) => c.name)).toEqual(["class 0", "class 1", "class 2"]);
    expect(out.confusion).toEqual([[5, 1, 0], [2, 5, 0], [0, 0, 0]]);
    expect(out.invalidPredictions).toEqual([1, 1, 0]);
    const [c0, c1, c2] = out.classes;
    expect([c0.tp, c0.fp, c0.fn, c1.tp, c1.fp, c1.fn]).toEqual([5, 2, 2, 5, 1, 3]);
    expect(c0.iou).toBeCloseTo(5 / 9, 12);
    expect(c0.dice).toBeCloseTo(5 / 7, 12);
    expect(c0.precision).toBeCloseTo(5 / 7, 12);
    expect(c1.precision).toBeCloseTo(5 / 6, 12);
    expect(c1.recall).toBeCloseTo(5 / 8, 12);
    expect(c0.boundaryIou).toBeCloseTo(5 / 9, 12);
    expect(c1.boundaryIou).toBeCloseTo(5 / 9, 12);
    expect(c2).toEqual({ index: 2, name: "class 2", iou: null, dice: null, precision: null, recall: null, tp: 0, fp: 0, fn: 0, boundaryIou: null });
    expect(out.miou).toBeCloseTo(5 / 9, 12);
    expect(out.mdice).toBeCloseTo(5 / 7, 12);
    expect(out.pixelAccuracy).toBeCloseTo(10 / 15, 12);
    expect(out.perImageMiou).toBeCloseTo(((1 / 3 + 3 / 5) / 2 + (2 / 3 + 1 / 2) / 2) / 2, 12);
    expect(out.contract.voidValues).toEqual([255]);
    expect(out.contract.aggregation).toBe("dataset-level");
  });

  it("adds per-image results sorted by name with --per-image", () => {
    const out = JSON.parse(evaluate("--num-classes", "3", "--ignore-index", "255", "--per-image").stdout);
    expect(Object.keys(out)).toEqual([...TOP_KEYS, "perImage"]);
    expect(out.perImage.map((p: { name: string }) => p.name)).toEqual(["a", "b"]);
    expect(Object.keys(out.perImage[0])).toEqual(["name", "miou", "mdice", "pixelAccuracy", "iou"]);
    expect(out.perImage[0].iou[0]).toBeCloseTo(1 / 3, 12);
    expect(out.perImage[0].iou[1]).toBeCloseTo(3 / 5, 12);
    expect(out.perImage[0].iou[2]).toBeNull();
    expect(out.perImage[1].miou).toBeCloseTo((2 / 3 + 1 / 2) / 2, 12);
    expect(out.perImage[0].pixelAccuracy).toBeCloseTo(4 / 7, 12);
  });

  it("gives the same bytes with 1 thread (the main thread alone) and 3 (main + 2 workers)", () => {
    const args = ["--num-classes", "3", "--ignore-index", "255", "--per-image"];
    const pool = { INTERSECT_CLI_SMALL_JOB_MPX: "0" };
    const one = runIntersect(["evaluate", "--gt", gtDir, "--pred", predDir, ...args], { ...pool, INTERSECT_CLI_THREADS: "1" });
    expect(one.stderr).toBe("");
    expect(one.stdout).toBe(runIntersect(["evaluate", "--gt", gtDir, "--pred", predDir, ...args], { ...pool, INTERSECT_CLI_THREADS: "3" }).stdout);
  });

  it("gives the same bytes on the main thread (small job) as on worker threads", () => {
    const args = ["--num-classes", "3", "--ignore-index", "255", "--per-image", "--format", "table"];
    const inProcess = evaluate(...args);
    expect(inProcess.code).toBe(0);
    expect(inProcess.stdout).toBe(runIntersect(["evaluate", "--gt", gtDir, "--pred", predDir, ...args], { INTERSECT_CLI_SMALL_JOB_MPX: "0" }).stdout);
  });

  it("fails with exit 1 naming the file when ground truth holds a value outside the class list", () => {
    const run = evaluate("--num-classes", "3");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/gt[\\/]a\.png.*255/);
  });

  it("skips boundary IoU with --no-boundary", () => {
    const out = JSON.parse(evaluate("--num-classes", "3", "--ignore-index", "255", "--no-boundary").stdout);
    expect(out.classes.map((c: { boundaryIou: number | null }) => c.boundaryIou)).toEqual([null, null, null]);
    expect(out.miou).toBeCloseTo(5 / 9, 12);
  });

  it("prints an aligned table with --format table", () => {
    const names = path.join(tmp, "names.json");
    writeFileSync(names, JSON.stringify(["road", "car", "bicycle"]));
    const run = evaluate("--classes", names, "--ignore-index", "255", "--format", "table");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^#\s+Class\s+IoU\s+Dice\s+Precision\s+Recall\s+Boundary IoU\s+TP\s+FP\s+FN$/);
    expect(lines[1]).toMatch(/^0\s+road\s+0\.5556\s+0\.7143\s+0\.7143\s+0\.7143\s+0\.5556\s+5\s+2\s+2$/);
    expect(lines[3]).toMatch(/^2\s+bicycle\s+—\s+—\s+—\s+—\s+—\s+0\s+0\s+0$/);
    expect(lines.slice(1, 4).map((l) => l.length)).toEqual(Array(3).fill(lines[0].length));
    expect(run.stdout).toContain("mIoU: 0.5556");
    expect(run.stdout).toContain("pixel accuracy: 0.6667");
    expect(run.stdout).toContain("Predictions outside the class list: 2 pixel(s)");
    expect(run.stdout).toMatch(/Contract: dataset-level aggregation.*void values: 255/);
  });

  it("reads --classes as an object with colours and decodes RGB masks through them", () => {
    const colors = { 0: [128, 64, 128], 1: [0, 0, 142], 2: [119, 11, 32], 255: [0, 0, 0] } as const;
    const rgbGt = writeRgbMasks(path.join(tmp, "rgb-gt"), HAND_FIXTURE.gt, colors);
    const rgbPred = writeRgbMasks(path.join(tmp, "rgb-pred"), { a: { ...HAND_FIXTURE.pred.a, values: HAND_FIXTURE.pred.a.values.map((v) => (v === 7 ? 255 : v)) }, b: HAND_FIXTURE.pred.b }, colors);
    const file = path.join(tmp, "classes.json");
    writeFileSync(file, JSON.stringify({ classes: [{ name: "road", color: [128, 64, 128] }, { name: "car", color: "#00008e" }, { name: "bicycle", color: "#770b20" }], ignore_index: 255, void: { color: [0, 0, 0] } }));
    const run = runIntersect(["evaluate", "--gt", rgbGt, "--pred", rgbPred, "--classes", file]);
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout);
    expect(out.ignoreIndex).toBe(255);
    expect(out.classes.map((c: { name: string }) => c.name)).toEqual(["road", "car", "bicycle"]);
    expect(out.confusion).toEqual([[5, 1, 0], [2, 5, 0], [0, 0, 0]]);
    expect(out.invalidPredictions).toEqual([1, 1, 0]);
  });

  it("counts an RGB prediction's colour outside the class table as a wrong prediction, as a grey value outside the list", () => {
    const colors = { 0: [128, 64, 128], 1: [0, 0, 142], 2: [119, 11, 32], 255: [0, 0, 0], 7: [1, 2, 3] } as const;
    const rgbGt = writeRgbMasks(path.join(tmp, "rgb-gt-2"), HAND_FIXTURE.gt, colors);
    const rgbPred = writeRgbMasks(path.join(tmp, "rgb-pred-2"), HAND_FIXTURE.pred, colors);
    const file = path.join(tmp, "classes-rgb.json");
    writeFileSync(file, JSON.stringify({ classes: [{ name: "road", color: [128, 64, 128] }, { name: "car", color: "#00008e" }, { name: "bicycle", color: "#770b20" }], ignore_index: 255, void: { color: [0, 0, 0] } }));
    const run = runIntersect(["evaluate", "--gt", rgbGt, "--pred", rgbPred, "--classes", file]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    // rgb(1,2,3) is in no class: the GT road pixel under it counts as missed, exactly as the grey fixture's value 7.
    expect(out.confusion).toEqual([[5, 1, 0], [2, 5, 0], [0, 0, 0]]);
    expect(out.invalidPredictions).toEqual([1, 1, 0]);
  });

  it("lets --ignore-index override the classes file", () => {
    const file = path.join(tmp, "classes-ignore.json");
    writeFileSync(file, JSON.stringify({ classes: [{ name: "road" }, { name: "car" }, { name: "bicycle" }], ignore_index: 254 }));
    expect(JSON.parse(evaluate("--classes", file, "--ignore-index", "255").stdout).ignoreIndex).toBe(255);
    expect(evaluate("--classes", file).code).toBe(1);
  });
});

const camvidMasks = path.resolve(repoRoot, "../shared/datasets/camvid/val/masks");
const camvidClasses = path.resolve(repoRoot, "../shared/datasets/camvid/classes.json");
const hasNumpy = spawnSync("/usr/bin/python3", ["-c", "import numpy, PIL"]).status === 0;
if (!existsSync(camvidMasks)) console.warn(`cli.test.ts: skipping the numpy comparison: ${camvidMasks} is absent`);
else if (!hasNumpy) console.warn("cli.test.ts: skipping the numpy comparison: /usr/bin/python3 lacks numpy/Pillow (apt-get install -y python3-numpy python3-pil)");

describe.skipIf(!existsSync(camvidMasks) || !hasNumpy)("intersect evaluate vs the numpy reference on 20 CamVid pairs", () => {
  it("agrees on every number to 1e-9", () => {
    const dir = makeTempDir("camvid");
    try {
      const gt = path.join(dir, "gt");
      const pred = path.join(dir, "pred");
      mkdirSync(gt);
      mkdirSync(pred);
      for (const file of readdirSync(camvidMasks).filter((f) => f.endsWith(".png")).sort().slice(0, 20)) {
        symlinkSync(path.join(camvidMasks, file), path.join(gt, file));
        const mask = readGrey8(path.join(camvidMasks, file));
        const p = perturbPrediction(mask.data, mask.width, mask.height, { numClasses: 11, voidValue: 11, seed: hashSeed(file) });
        writeFileSync(path.join(pred, file), encodePngAdaptive(mask.width, mask.height, p));
      }
      const cli = runIntersect(["evaluate", "--gt", gt, "--pred", pred, "--classes", camvidClasses, "--per-image"]);
      expect(cli.stderr).toBe("");
      // 20 CamVid pairs run on the main thread; the worker pool must print the very same bytes, boundary IoU included.
      expect(runIntersect(["evaluate", "--gt", gt, "--pred", pred, "--classes", camvidClasses, "--per-image"], { INTERSECT_CLI_SMALL_JOB_MPX: "0" }).stdout).toBe(cli.stdout);
      const ref = spawnSync("/usr/bin/python3", ["lib/tools/bench/reference_eval.py", "--gt", gt, "--pred", pred, "--num-classes", "11", "--ignore-index", "11"], { cwd: repoRoot, encoding: "utf8" });
      expect(ref.stderr).toBe("");
      const a = JSON.parse(cli.stdout);
      const b = JSON.parse(ref.stdout);
      expect(a.images).toBe(20);
      expect(a.ignoreIndex).toBe(11);
      expect(a.invalidPredictions.some((v: number) => v > 0)).toBe(true);
      expect(a.confusion).toEqual(b.confusion);
      expect(a.invalidPredictions).toEqual(b.invalidPredictions);
      for (const key of ["miou", "mdice", "pixelAccuracy", "perImageMiou"]) expectClose(a[key], b[key], key);
      for (let k = 0; k < 11; k++) {
        for (const key of ["iou", "dice", "precision", "recall", "tp", "fp", "fn"]) expectClose(a.classes[k][key], b.classes[k][key], `class ${k} ${key}`);
      }
      a.perImage.forEach((p: { name: string; miou: number; iou: number[] }, i: number) => {
        expect(p.name).toBe(b.perImage[i].name);
        expectClose(p.miou, b.perImage[i].miou, `${p.name} miou`);
        p.iou.forEach((v, k) => expectClose(v, b.perImage[i].iou[k], `${p.name} iou ${k}`));
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function expectClose(actual: number | null, expected: number | null, what: string): void {
  if (expected === null || actual === null) {
    expect(actual, what).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}
