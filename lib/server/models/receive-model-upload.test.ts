import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/core/errors";

const dataDir = mkdtempSync(path.join(tmpdir(), "intersect-upload-"));
vi.stubEnv("DATA_DIR", dataDir);
const { receiveModelUpload } = await import("./receive-model-upload");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const request = (form: FormData) => new Request("http://127.0.0.1/x", { method: "POST", body: form });
const leftovers = () => readdirSync(path.join(dataDir, "uploads")).filter((f) => f.startsWith("model-"));

describe("receiveModelUpload", () => {
  it("reads fields, fields sent as file parts, and the model file", async () => {
    const form = new FormData();
    form.append("runner", "onnx");
    form.append("classes", new Blob(['["a","b"]']), "classes.json");
    form.append("file", new Blob([new Uint8Array(1000)]), "m.onnx");
    const up = await receiveModelUpload(request(form));
    expect(up.fields).toEqual({ runner: "onnx", classes: '["a","b"]' });
    expect(up.file).toMatchObject({ name: "m.onnx", bytes: 1000 });
    await up.cleanup();
  });

  it("refuses a field part over 256 KiB and a model file over the limit at once, leaving nothing behind", async () => {
    const big = new FormData();
    big.append("classes", new Blob(["x".repeat(300 * 1024)]), "classes.json");
    big.append("file", new Blob([new Uint8Array(10)]), "m.onnx");
    const error = await receiveModelUpload(request(big)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("too_large");
    const huge = new FormData();
    huge.append("file", new Blob([new Uint8Array(5 * 1024 * 1024)]), "m.onnx");
    const error2 = await receiveModelUpload(request(huge), { maxBytes: 1024 * 1024 }).catch((e: unknown) => e);
    expect((error2 as AppError).code).toBe("too_large");
    expect(leftovers()).toEqual([]);
  });

  it("refuses a second model file (invalid_input naming it) instead of dropping it, leaving nothing behind", async () => {
    const form = new FormData();
    form.append("runner", "onnx");
    form.append("file", new Blob([new Uint8Array(200 * 1024)]), "first.onnx");
    form.append("file", new Blob([new Uint8Array(1000)]), "second.onnx");
    const error = await receiveModelUpload(request(form)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("invalid_input");
    expect((error as AppError).message).toMatch(/^More than one model file: second\.onnx\b/);
    expect(leftovers()).toEqual([]);
  });

  it("answers a body that is not multipart (no boundary, cut short) with invalid_input, leaving nothing behind", async () => {
    const garbage = new Request("http://127.0.0.1/x", { method: "POST", headers: { "content-type": "multipart/form-data" }, body: "garbage" });
    const error = await receiveModelUpload(garbage).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/^The request body is not valid multipart\/form-data \(.+\)\.$/) });
    const cut = new Request("http://127.0.0.1/x", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=b" },
      body: '--b\r\nContent-Disposition: form-data; name="file"; filename="m.onnx"\r\n\r\nabc',
    });
    expect(await receiveModelUpload(cut).catch((e: unknown) => e)).toMatchObject({ code: "invalid_input" });
    expect(leftovers()).toEqual([]);
  });
});
