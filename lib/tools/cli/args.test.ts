import { describe, expect, it } from "vitest";
import { oneLine, parseCommand } from "./args";
import { formatNameList } from "@/lib/core/text/name-list";

describe("parseCommand", () => {
  it("parses every flag of evaluate", () => {
    const cmd = parseCommand(["evaluate", "--gt", "g", "--pred", "p", "--classes", "c.json", "--num-classes", "19", "--ignore-index", "255", "--per-image", "--no-boundary", "--format", "table"]);
    expect(cmd).toEqual({ kind: "evaluate", args: { gt: "g", pred: "p", classesFile: "c.json", numClasses: 19, ignoreIndex: 255, perImage: true, boundary: false, format: "table" } });
  });

  it("defaults to JSON, no per-image, boundary on", () => {
    const cmd = parseCommand(["evaluate", "--gt=g", "--pred=p", "--num-classes=2"]);
    expect(cmd).toMatchObject({ args: { perImage: false, boundary: true, format: "json", ignoreIndex: undefined } });
  });

  it("gives help for --help, -h and help", () => {
    for (const argv of [["--help"], ["-h"], ["help"], ["evaluate", "--help"]]) expect(parseCommand(argv)).toEqual({ kind: "help" });
  });

  it("rejects bad numbers with a one-line reason", () => {
    expect(() => parseCommand(["evaluate", "--gt", "g", "--pred", "p", "--num-classes", "1.5"])).toThrow(/--num-classes must be a whole number/);
    expect(() => parseCommand(["evaluate", "--gt", "g", "--pred", "p", "--num-classes", "2", "--ignore-index", "70000"])).toThrow(/--ignore-index must be between 0 and 65535/);
  });
});

describe("small helpers", () => {
  it("formatNameList cuts after the limit", () => {
    expect(formatNameList(["a", "b"])).toBe("a, b");
    expect(formatNameList(["a", "b", "c", "d"], 2)).toBe("a, b and 2 more");
  });

  it("oneLine collapses newlines", () => {
    expect(oneLine("a\n  b\n")).toBe("a b");
  });
});
