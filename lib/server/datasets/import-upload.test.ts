import { describe, expect, it } from "vitest";
import { checkVersionUploadFields, VERSION_UPLOAD_FIELDS } from "./import-upload";

describe("checkVersionUploadFields", () => {
  it("accepts every documented field, and validSubset true, false or empty", () => {
    const all = Object.fromEntries(VERSION_UPLOAD_FIELDS.map((k) => [k, ""]));
    expect(checkVersionUploadFields(all)).toEqual({ validSubset: false });
    expect(checkVersionUploadFields({ validSubset: "true" })).toEqual({ validSubset: true });
    expect(checkVersionUploadFields({ validSubset: "false", mode: "update" })).toEqual({ validSubset: false });
    expect(checkVersionUploadFields({})).toEqual({ validSubset: false });
  });

  it("refuses a misspelt field by name, pointing at the one meant when only the case differs", () => {
    expect(() => checkVersionUploadFields({ Mode: "update" })).toThrow('Unknown field "Mode": did you mean "mode"?');
    expect(() => checkVersionUploadFields({ valid_subset: "true" })).toThrow(
      'Unknown field "valid_subset": the fields are archive, layout, split, classes, mapping, tags, note, mode, validSubset.',
    );
  });

  it("refuses a validSubset that is not true or false instead of reading it as false", () => {
    expect(() => checkVersionUploadFields({ validSubset: "yes" })).toThrow('validSubset: must be "true" or "false".');
  });
});
