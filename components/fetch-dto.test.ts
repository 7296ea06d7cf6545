import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { errorMessageOf, fetchDto, fieldErrorKeysOf } from "./fetch-dto";

const respond = (status: number, body: string) => vi.stubGlobal("fetch", vi.fn(async () => new Response(body, { status, headers: { "content-type": "application/json" } })));

describe("fetchDto", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("parses a 2xx body with the DTO schema", async () => {
    respond(200, JSON.stringify({ n: 1 }));
    await expect(fetchDto("/x", z.object({ n: z.number() }))).resolves.toEqual({ n: 1 });
  });

  it("hands the server's error message to failure", async () => {
    const message = "garbage.zip: not a .zip, .tar or .tar.gz archive (unknown file signature).";
    respond(422, JSON.stringify({ error: { code: "invalid_input", message }, problems: [{ problem: message }] }));
    await expect(fetchDto("/x", z.object({}), { failure: (status, m) => m ?? `generic ${status}` })).rejects.toThrow(message);
  });

  it("falls back when the body has no message or is not JSON", async () => {
    respond(422, JSON.stringify({ error: { code: "invalid_input" } }));
    await expect(fetchDto("/x", z.object({}), { failure: (status, m) => m ?? `generic ${status}` })).rejects.toThrow("generic 422");
    respond(500, "<html>oops</html>");
    await expect(fetchDto("/x", z.object({}), { failure: (status, m) => m ?? `generic ${status}` })).rejects.toThrow("generic 500");
  });
});

describe("errorMessageOf", () => {
  it("reads error.message only when it is a non-empty string", () => {
    expect(errorMessageOf({ error: { message: "bad" } })).toBe("bad");
    expect(errorMessageOf({ error: { message: "" } })).toBeUndefined();
    expect(errorMessageOf({ error: "bad" })).toBeUndefined();
    expect(errorMessageOf(null)).toBeUndefined();
  });
});

describe("fieldErrorKeysOf", () => {
  it("lists the fields of error.fieldErrors, none for any other body", () => {
    expect(fieldErrorKeysOf({ error: { message: "bad", fieldErrors: { file: ["x"], config: ["y"] } } })).toEqual(["file", "config"]);
    expect(fieldErrorKeysOf({ error: { message: "bad" } })).toEqual([]);
    expect(fieldErrorKeysOf({ error: { fieldErrors: null } })).toEqual([]);
    expect(fieldErrorKeysOf("bad")).toEqual([]);
    expect(fieldErrorKeysOf(null)).toEqual([]);
  });
});
