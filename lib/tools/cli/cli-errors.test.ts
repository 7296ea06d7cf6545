import { spawnSync } from "node:child_process";
import { writeFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAND_FIXTURE, makeTempDir, repoRoot, runIntersect, writeGreyMasks, type CliRun } from "./cli-test-helpers";

let tmp: string;
let gtDir: string;
let predDir: string;

beforeAll(() => {
  tmp = makeTempDir("cli-errors");
  gtDir = writeGreyMasks(path.join(tmp, "gt"), HAND_FIXTURE.gt);
  predDir = writeGreyMasks(path.join(tmp, "pred"), HAND_FIXTURE.pred);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Exit code as given, nothing on stdout, exactly one line on stderr starting with "intersect: ". */
function expectOneLineError(run: CliRun, code: number): string {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^intersect: /);
  return lines[0];
}

const square = (value: number, size: number) => ({ width: size, height: size, values: Array(size * size).fill(value) });

describe("intersect usage errors (exit 2)", () => {
  const usage = (args: string[], pattern: RegExp) => expect(expectOneLineError(runIntersect(args), 2)).toMatch(pattern);

  it("rejects a missing command, an unknown command, an unknown flag and a stray argument", () => {
    usage([], /missing command/);
    usage(["score"], /unknown command "score"/);
    usage(["evaluate", "--gt", gtDir, "--pred", predDir, "--num-classes", "3", "--colour"], /Unknown option '--colour'/);
    usage(["evaluate", "extra", "--gt", gtDir, "--pred", predDir, "--num-classes", "3"], /unexpected argument "extra"/);
  });

  it("requires --gt, --pred and a class list", () => {
    usage(["evaluate", "--pred", predDir, "--num-classes", "3"], /--gt DIR is required/);
    usage(["evaluate", "--gt", gtDir, "--num-classes", "3"], /--pred DIR is required/);
    usage(["evaluate", "--gt", gtDir, "--pred", predDir], /--classes FILE or --num-classes N/);
  });

  it("validates numbers, the format and folders", () => {
    usage(["evaluate", "--gt", gtDir, "--pred", predDir, "--num-classes", "abc"], /--num-classes must be a whole number/);
    usage(["evaluate", "--gt", gtDir, "--pred", predDir, "--num-classes", "0"], /--num-classes must be between 1 and/);
    usage(["evaluate", "--gt", gtDir, "--pred", predDir, "--num-classes", "3", "--ignore-index", "-1"], /ignore-index/);
    usage(["evaluate", "--gt", gtDir, "--pred", predDir, "--num-classes", "3", "--ignore-index", "1"], /ignore index 1 is a class index/);
    usage(["evaluate", "--gt", gtDir, "--pred", predDir, "--num-classes", "3", "--format", "xml"], /--format must be json or table/);
    usage(["evaluate", "--gt", path.join(tmp, "nope"), "--pred", predDir, "--num-classes", "3"], /nope: no such folder \(--gt\)/);
  });

  it("explains a bad classes file", () => {
    const file = (name: string, text: string) => {
      writeFileSync(path.join(tmp, name), text);
      return path.join(tmp, name);
    };
    const run = (f: string, ...extra: string[]) => ["evaluate", "--gt", gtDir, "--pred", predDir, "--classes", f, ...extra];
    usage(run(path.join(tmp, "absent.json")), /absent\.json: no such file \(--classes\)/);
    usage(run(file("broken.json", "{")), /broken\.json: not valid JSON/);
    usage(run(file("empty.json", "[]")), /empty\.json: .*empty|empty\.json: expected/);
    usage(run(file("number.json", "[1, 2]")), /number\.json: /);
    usage(run(file("color.json", JSON.stringify({ classes: [{ name: "a", color: "red" }] }))), /color\.json: .*colours/);
    usage(run(file("partial.json", JSON.stringify({ classes: [{ name: "a", color: [1, 2, 3] }, { name: "b" }] }))), /partial\.json: class 1 \("b"\) has no colour/);
    usage(run(file("three.json", JSON.stringify(["a", "b", "c"])), "--num-classes", "4"), /--num-classes 4 disagrees with .*three\.json, which lists 3 classes/);
  });

  it("prints help on --help with exit 0, also through npm run", () => {
    const help = runIntersect(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: npm run -s intersect -- evaluate");
    expect(help.stdout).toContain("subfolders are not searched");
    expect(help.stdout).toContain("other files are");
    const npm = spawnSync("npm", ["run", "-s", "intersect", "--", "evaluate", "--help"], { cwd: repoRoot, encoding: "utf8" });
    expect(npm.status).toBe(0);
    expect(npm.stdout).toBe(help.stdout);
  });
});

/** Runs on the main thread (these jobs are small) and on forced worker threads: both must fail the same way. */
function runBothPaths(args: string[]): CliRun {
  const inProcess = runIntersect(args);
  expect(runIntersect(args, { INTERSECT_CLI_SMALL_JOB_MPX: "0" })).toEqual(inProcess);
  return inProcess;
}

describe("intersect data errors (exit 1)", () => {
  it("lists names missing on either side", () => {
    const gt = writeGreyMasks(path.join(tmp, "pair-gt"), { a: square(0, 2), b: square(0, 2), c: square(0, 2) });
    const pred = writeGreyMasks(path.join(tmp, "pair-pred"), { a: square(0, 2), d: square(0, 2) });
    const line = expectOneLineError(runIntersect(["evaluate", "--gt", gt, "--pred", pred, "--num-classes", "2"]), 1);
    expect(line).toMatch(/2 ground-truth mask\(s\) in .*pair-gt have no prediction in .*pair-pred: b, c; 1 prediction\(s\) in .*pair-pred have no ground truth in .*pair-gt: d$/);
  });

  it("cuts long name lists after 10 with 'and N more'", () => {
    const masks = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`m${String(i).padStart(2, "0")}`, square(0, 2)]));
    const gt = writeGreyMasks(path.join(tmp, "many-gt"), masks);
    const pred = writeGreyMasks(path.join(tmp, "many-pred"), { m00: square(0, 2) });
    const line = expectOneLineError(runIntersect(["evaluate", "--gt", gt, "--pred", pred, "--num-classes", "2"]), 1);
    expect(line).toMatch(/13 ground-truth mask\(s\) .*: m01, m02, m03, m04, m05, m06, m07, m08, m09, m10 and 3 more$/);
  });

  it("names the files whose sizes differ", () => {
    const gt = writeGreyMasks(path.join(tmp, "size-gt"), { a: square(0, 2), b: square(0, 3) });
    const pred = writeGreyMasks(path.join(tmp, "size-pred"), { a: square(0, 2), b: square(0, 4) });
    const line = expectOneLineError(runBothPaths(["evaluate", "--gt", gt, "--pred", pred, "--num-classes", "2"]), 1);
    expect(line).toMatch(/size-gt[\\/]b\.png/);
    expect(line).toMatch(/3x3/);
    expect(line).toMatch(/4x4/);
  });

  it("names a file that is not a PNG", () => {
    const gt = writeGreyMasks(path.join(tmp, "bad-gt"), { a: square(0, 2) });
    const pred = writeGreyMasks(path.join(tmp, "bad-pred"), { a: square(0, 2) });
    writeFileSync(path.join(pred, "a.png"), "GIF89a not a png");
    expect(expectOneLineError(runBothPaths(["evaluate", "--gt", gt, "--pred", pred, "--num-classes", "2"]), 1)).toMatch(/bad-pred[\\/]a\.png/);
  });

  it("names the first file (by name) whose ground truth holds a value outside the class list", () => {
    const gt = writeGreyMasks(path.join(tmp, "range-gt"), { a: square(0, 2), b: square(7, 2), c: square(9, 2) });
    const pred = writeGreyMasks(path.join(tmp, "range-pred"), { a: square(0, 2), b: square(0, 2), c: square(0, 2) });
    const line = expectOneLineError(runBothPaths(["evaluate", "--gt", gt, "--pred", pred, "--num-classes", "2", "--ignore-index", "255"]), 1);
    expect(line).toMatch(/range-gt[\\/]b\.png.*7/);
  });

  it("fails on an empty ground-truth folder", () => {
    const gt = writeGreyMasks(path.join(tmp, "empty-gt"), {});
    const pred = writeGreyMasks(path.join(tmp, "empty-pred"), {});
    expect(expectOneLineError(runIntersect(["evaluate", "--gt", gt, "--pred", pred, "--num-classes", "2"]), 1)).toMatch(/no \.png masks found/);
  });
});
