import { describe, expect, it } from "vitest";
import { parseVersionNumber } from "./version-number";

describe("parseVersionNumber", () => {
  it("reads 1 to 2^31 - 1", () => {
    expect(parseVersionNumber("1")).toBe(1);
    expect(parseVersionNumber("42")).toBe(42);
    expect(parseVersionNumber("2147483647")).toBe(2147483647);
  });
  it.each(["0", "-1", "1.5", "1e3", " 1", "", "abc", "2147483648", "99999999999999999999"])("refuses %j", (raw) => {
    expect(parseVersionNumber(raw)).toBeNull();
  });
});
