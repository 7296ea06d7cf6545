import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { blobResponse } from "./blob-response";
import { createBlobStore } from "./blob-store";

const root = mkdtempSync(path.join(tmpdir(), "intersect-blob-response-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const store = createBlobStore(root);

describe("blobResponse", () => {
  it("streams the bytes with type, length, strong ETag and immutable caching", async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 256);
    const { sha256 } = await store.putBlob(bytes);
    const response = blobResponse(sha256, { contentType: "image/png", fileName: "scène 01.png", store });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-length")).toBe("70000");
    expect(response.headers.get("etag")).toBe(`"${sha256}"`);
    expect(response.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(response.headers.get("content-disposition")).toBe(
      `inline; filename="sc_ne 01.png"; filename*=UTF-8''sc%C3%A8ne%2001.png`,
    );
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it("answers 304 with no body when If-None-Match names the blob", async () => {
    const { sha256 } = await store.putBlob(new TextEncoder().encode("cached"));
    for (const header of [`"${sha256}"`, `W/"${sha256}"`, `"other", "${sha256}"`, "*"]) {
      const request = new Request("http://localhost/blob", { headers: { "If-None-Match": header } });
      const response = blobResponse(sha256, { contentType: "image/png", request, store });
      expect(response.status).toBe(304);
      expect(response.body).toBeNull();
      expect(response.headers.get("etag")).toBe(`"${sha256}"`);
    }
    const stale = new Request("http://localhost/blob", { headers: { "If-None-Match": `"${"0".repeat(64)}"` } });
    const fresh = blobResponse(sha256, { contentType: "text/plain", request: stale, store });
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toBe("cached");
  });

  it("throws not_found for an absent blob and invalid_input for a bad id", () => {
    const absent = "f".repeat(64);
    expect(() => blobResponse(absent, { contentType: "image/png", store })).toThrow(
      expect.objectContaining({ code: "not_found" }) as unknown as AppError,
    );
    expect(() => blobResponse("../secret", { contentType: "image/png", store })).toThrow(
      expect.objectContaining({ code: "invalid_input" }) as unknown as AppError,
    );
  });
});
