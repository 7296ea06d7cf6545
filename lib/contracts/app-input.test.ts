import { describe, expect, it } from "vitest";
import { createAppSchema, createDatasetSchema, createModelSchema, nameProblem } from "./app-input";

describe("names of apps, models and datasets", () => {
  it("are trimmed and may hold any visible text (unicode included)", () => {
    expect(createAppSchema.parse({ name: "  Straßen – 道路  " }).name).toBe("Straßen – 道路");
    expect(createModelSchema.parse({ name: "unet <b>v2</b>" }).name).toBe("unet <b>v2</b>");
  });

  it.each([
    ["ctrl\u0000x", "a control character (U+0000)"],
    ["m\u001b[31mred", "a control character (U+001B)"],
    ["two\nlines", "a line break (U+000A)"],
    ["\u200b", "no visible character"],
    ["\u200b\u2060", "no visible character"],
    ["x\u009by", "a control character (U+009B)"],
    ["x\u0085y", "a control character (U+0085)"],
    ["a\u202Egpj.exe", "a control character (U+202E)"],
    ["\u3164", "no visible character"],
    ["\u2800", "no visible character"],
    ["\u0300\uFE0F", "no visible character"],
    ["\ud800", "a broken character"],
  ])("refuse %j, saying why", (name, why) => {
    for (const schema of [createAppSchema, createModelSchema, createDatasetSchema]) {
      const parsed = schema.safeParse({ name });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0].message).toContain(why);
    }
  });

  it("descriptions keep line breaks and tabs but refuse other control characters", () => {
    expect(createAppSchema.parse({ name: "a", description: "line 1\n\tline 2" }).description).toBe("line 1\n\tline 2");
    expect(createAppSchema.safeParse({ name: "a", description: "bell\u0007" }).success).toBe(false);
  });

  it("nameProblem is null for a plain name", () => {
    expect(nameProblem("road-v2")).toBeNull();
  });
});
