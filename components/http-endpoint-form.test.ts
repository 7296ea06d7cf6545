import { describe, expect, it } from "vitest";
import { endpointTestErrors, parseHeaderLines } from "./http-endpoint-form";

describe("endpointTestErrors", () => {
  it("puts the reason under the field and names it by its label", () => {
    const r = endpointTestErrors({
      code: "invalid_input",
      message: "Some fields are not valid: config.url: The endpoint URL must be an http:// or https:// URL, e.g. http://triton:8000",
      fieldErrors: { "config.url": ["The endpoint URL must be an http:// or https:// URL, e.g. http://triton:8000"] },
    });
    expect(r.fields).toEqual({ url: "The endpoint URL must be an http:// or https:// URL, e.g. http://triton:8000" });
    expect(r.message).toBe("Endpoint URL: The endpoint URL must be an http:// or https:// URL, e.g. http://triton:8000");
  });

  it("several fields, nested header keys, and inputs that are not endpoint fields", () => {
    const r = endpointTestErrors({
      code: "invalid_input",
      message: "Some fields are not valid: …",
      fieldErrors: { "config.modelName": ["Too small"], "config.headers.": ["Too small"], classCount: ["Too small"] },
    });
    expect(r.fields).toEqual({ modelName: "Too small", headers: "Too small" });
    expect(r.message.split("\n")).toEqual(["Model name: Too small", "Headers: Too small", "Classes: Too small"]);
  });

  it("an error without fieldErrors keeps its message", () => {
    expect(endpointTestErrors({ code: "invalid_input", message: "The endpoint could not be reached." })).toEqual({ fields: {}, message: "The endpoint could not be reached." });
  });
});

describe("parseHeaderLines", () => {
  it("reads Name: value lines, skipping blank ones, values keep their colons", () => {
    expect(parseHeaderLines("Authorization: Bearer a:b\n\nX-Team:  vision \n")).toEqual({ headers: { Authorization: "Bearer a:b", "X-Team": "vision" }, problem: null });
  });
  it("names a line without a colon instead of dropping it", () => {
    expect(parseHeaderLines("X-Team: a\nAuthorization Bearer x")).toEqual({ headers: { "X-Team": "a" }, problem: 'line 2 ("Authorization Bearer x") is not "Name: value" with a name of letters, digits and !#$%&\'*+-.^_`|~ only.' });
    expect(parseHeaderLines(": v").problem).toMatch(/^line 1/);
    expect(parseHeaderLines("Bad Header: v").problem).toMatch(/^line 1 \("Bad Header: v"\)/);
  });
});
