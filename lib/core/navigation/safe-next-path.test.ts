import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("safeNextPath", () => {
  const refused = [
    "/%5Cevil.example/x",
    "/\\evil.example/x",
    "/%09/evil.example",
    "/\t/evil.example",
    "//evil.example/x",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "https://evil.example/x",
    "http:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "",
    " /x",
    "/\n/evil.example",
    "/%0a/evil.example",
    "/%E0%A4%A",
    // Dot segments that normalise into a protocol-relative path.
    "/.//evil.example/phish",
    "/./%2Fevil.example",
    "/x/..//evil.example",
    "/%2e//evil.example",
    "/x/%2e%2e//evil.example",
    "/x".repeat(2000),
  ];
  it.each(refused)("refuses %j", (value) => {
    expect(safeNextPath(value)).toBe("/");
  });

  it("refuses values that are not strings", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(["/x"])).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/models/abc", "/models/abc"],
    ["/evaluations/e1?tab=classes#matrix", "/evaluations/e1?tab=classes#matrix"],
    ["/a/../b", "/b"],
    ["/datasets/x%20y", "/datasets/x%20y"],
  ])("keeps the same-origin path %j", (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it("uses the given fallback", () => {
    expect(safeNextPath("//evil", "/apps")).toBe("/apps");
  });
});
