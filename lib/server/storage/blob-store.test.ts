import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { assertSha256, createBlobStore, isSha256 } from "./blob-store";

const root = mkdtempSync(path.join(tmpdir(), "intersect-blobs-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Every file under a folder, relative, sorted. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

function codeOf(error: unknown): string | undefined {
  return error instanceof AppError ? error.code : undefined;
}

describe("blob store", () => {
  it("stores bytes under ab/cd/<sha> and reads them back", async () => {
    const store = createBlobStore(path.join(root, "a"));
    const bytes = new TextEncoder().encode("hello, masks");
    const put = await store.putBlob(bytes);
    expect(put).toEqual({ sha256: sha(bytes), size: bytes.byteLength, created: true });
    const file = store.getBlobPath(put.sha256);
    expect(path.relative(store.root, file)).toBe(path.join(put.sha256.slice(0, 2), put.sha256.slice(2, 4), put.sha256));
    expect(readFileSync(file)).toEqual(Buffer.from(bytes));
    expect(await store.readBlob(put.sha256)).toEqual(Buffer.from(bytes));
    expect(await store.hasBlob(put.sha256)).toBe(true);
    expect(await store.hasBlob(sha(new Uint8Array([1])))).toBe(false);
    expect(listFiles(store.root)).toEqual([path.relative(store.root, file)]);
  });

  it("deduplicates: a second put of the same bytes rewrites nothing (it only refreshes the mtime the debris sweep's grace period reads)", async () => {
    const store = createBlobStore(path.join(root, "b"));
    const bytes = new Uint8Array(1000).map((_, i) => i % 251);
    const first = await store.putBlob(bytes);
    const file = store.getBlobPath(first.sha256);
    const old = new Date("2001-01-01T00:00:00Z");
    utimesSync(file, old, old);
    const second = await store.putBlob(bytes);
    const third = await store.putBlob(Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]));
    expect(second).toEqual({ ...first, created: false });
    expect(third).toEqual({ ...first, created: false });
    expect(statSync(file).mtime.getTime()).toBeGreaterThan(old.getTime());
    expect(new Uint8Array(readFileSync(file))).toEqual(bytes);
    expect(listFiles(store.root)).toEqual([path.relative(store.root, file)]);
  });

  it("stores Node and web streams with the same id as the bytes", async () => {
    const store = createBlobStore(path.join(root, "c"));
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7) % 256);
    const chunks = [bytes.subarray(0, 65_536), bytes.subarray(65_536, 150_000), bytes.subarray(150_000)];
    const fromNode = await store.putBlob(Readable.from(chunks));
    expect(fromNode).toEqual({ sha256: sha(bytes), size: bytes.byteLength, created: true });
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    expect(await store.putBlob(web)).toEqual({ ...fromNode, created: false });
    expect(await store.readBlob(fromNode.sha256)).toEqual(Buffer.from(bytes));
  });

  it("leaves no blob and no temp file when a stream fails or is too large", async () => {
    const store = createBlobStore(path.join(root, "d"));
    async function* failing() {
      yield new Uint8Array([1, 2, 3]);
      throw new Error("connection reset");
    }
    await expect(store.putBlob(failing())).rejects.toThrow("connection reset");
    const big = Readable.from([new Uint8Array(600), new Uint8Array(600)]);
    const tooLarge = await store.putBlob(big, { maxBytes: 1000, label: "image.png" }).catch((e: unknown) => e);
    expect(codeOf(tooLarge)).toBe("too_large");
    expect((tooLarge as Error).message).toContain("image.png");
    expect(codeOf(await store.putBlob(new Uint8Array(1001), { maxBytes: 1000 }).catch((e: unknown) => e))).toBe("too_large");
    expect(listFiles(store.root)).toEqual([]);
  });

  it("refuses malformed ids, so no path can leave the store", async () => {
    const store = createBlobStore(path.join(root, "e"));
    const bad = ["../../etc/passwd", "", "ab", "A".repeat(64), `${"a".repeat(63)}/`, `${"a".repeat(64)}0`, "g".repeat(64)];
    for (const id of bad) {
      expect(isSha256(id)).toBe(false);
      expect(() => assertSha256(id)).toThrow(AppError);
      expect(codeOf(catchSync(() => store.getBlobPath(id)))).toBe("invalid_input");
      expect(codeOf(catchSync(() => store.openBlobStream(id)))).toBe("invalid_input");
      expect(codeOf(await store.readBlob(id).catch((e: unknown) => e))).toBe("invalid_input");
      expect(codeOf(await store.hasBlob(id).catch((e: unknown) => e))).toBe("invalid_input");
    }
    const absent = sha(new Uint8Array([9, 9]));
    expect(codeOf(await store.readBlob(absent).catch((e: unknown) => e))).toBe("not_found");
    expect(codeOf(catchSync(() => store.openBlobStream(absent)))).toBe("not_found");
  });

  it("survives concurrent puts of the same bytes", async () => {
    const store = createBlobStore(path.join(root, "f"));
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 13) % 256);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => store.putBlob(i % 2 ? bytes : Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]))),
    );
    for (const result of results) expect(result.sha256).toBe(sha(bytes));
    expect(results.some((r) => r.created)).toBe(true);
    expect(listFiles(store.root)).toEqual([path.relative(store.root, store.getBlobPath(sha(bytes)))]);
    expect(await store.readBlob(sha(bytes))).toEqual(Buffer.from(bytes));
  });

  it("putBlobSync and readBlobSync store and read the same files as putBlob and readBlob", async () => {
    const store = createBlobStore(path.join(root, "h"));
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 11) % 256);
    const put = store.putBlobSync(bytes);
    expect(put).toEqual({ sha256: sha(bytes), size: bytes.byteLength, created: true });
    expect(listFiles(store.root)).toEqual([path.relative(store.root, store.getBlobPath(put.sha256))]);
    expect(store.readBlobSync(put.sha256)).toEqual(Buffer.from(bytes));
    expect(await store.readBlob(put.sha256)).toEqual(Buffer.from(bytes));
    const file = store.getBlobPath(put.sha256);
    const old = new Date("2001-01-01T00:00:00Z");
    utimesSync(file, old, old);
    expect(store.putBlobSync(bytes)).toEqual({ ...put, created: false });
    expect(statSync(file).mtime.getTime()).toBeGreaterThan(old.getTime());
    expect(await store.putBlob(bytes)).toEqual({ ...put, created: false });
    const other = new TextEncoder().encode("async first");
    const asyncPut = await store.putBlob(other);
    expect(store.putBlobSync(other)).toEqual({ ...asyncPut, created: false });
    expect(codeOf(catchSync(() => store.putBlobSync(new Uint8Array(1001), { maxBytes: 1000 })))).toBe("too_large");
    expect(codeOf(catchSync(() => store.readBlobSync(sha(new Uint8Array([7])))))).toBe("not_found");
    expect(codeOf(catchSync(() => store.readBlobSync("../../etc/passwd")))).toBe("invalid_input");
    expect(listFiles(store.root)).toHaveLength(2);
  });

  it("streams a stored blob", async () => {
    const store = createBlobStore(path.join(root, "g"));
    const bytes = new TextEncoder().encode("stream me");
    const { sha256 } = await store.putBlob(bytes);
    const chunks: Buffer[] = [];
    for await (const chunk of store.openBlobStream(sha256)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(bytes));
  });
});

function catchSync(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
