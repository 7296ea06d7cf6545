import { describe, expect, it } from "vitest";
import { tagSchema } from "./tags";

describe("tagSchema (the tag editor, tags.json of a folder import)", () => {
  it("keeps a trimmed printable tag", () => {
    expect(tagSchema.parse("  night ")).toBe("night");
    expect(tagSchema.parse("low-light|rain")).toBe("low-light|rain");
  });

  it.each([
    ["rain;fog", /tag "rain;fog" contains ";", which separates tags in the results CSV/],
    ["dusk\nlate", /tag "dusk\\nlate" contains a line break \(U\+000A\)/],
    ["a\u007fb", /contains a control character \(U\+007F\)/],
    ["   ", /must not be empty/],
    ["x".repeat(65), /longer than 64 characters/],
  ])("refuses %j with a message naming it", (tag, message) => {
    const r = tagSchema.safeParse(tag);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(message);
  });
});
