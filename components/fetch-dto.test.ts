import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { errorMessageOf, fetchDto } from "./fetch-dto";

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
