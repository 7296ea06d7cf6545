import { describe, expect, it } from "vitest";
import { httpEndpointConfigSchema } from "./http-endpoint-config";

const urlIssues = (url: string) => {
  const r = httpEndpointConfigSchema.safeParse({ url, modelName: "m" });
  return r.success ? [] : r.error.issues.filter((i) => i.path[0] === "url").map((i) => i.message);
};

describe("httpEndpointConfigSchema url", () => {
  it("accepts http and https URLs", () => {
    expect(urlIssues("http://triton:8000")).toEqual([]);
    expect(urlIssues("https://models.example.com/base")).toEqual([]);
  });

  it.each(["not a url", "ftp://triton:8000", "javascript:alert(1)", "http:/triton", "http://", ""])("gives one clear message for %j", (url) => {
    expect(urlIssues(url)).toEqual(["The endpoint URL must be an http:// or https:// URL, e.g. http://triton:8000"]);
  });
});
