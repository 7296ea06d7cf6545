import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";

const dataDir = mkdtempSync(path.join(tmpdir(), "intersect-uploads-"));
vi.stubEnv("DATA_DIR", dataDir);
const { receiveUpload, uploadsRoot } = await import("./uploads");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const post = (contentType: string, body: BodyInit) => new Request("http://127.0.0.1/x", { method: "POST", headers: { "content-type": contentType }, body });

describe("receiveUpload", () => {
  it("stages an archive part and reports its size", async () => {
    const form = new FormData();
    form.append("archive", new Blob([new Uint8Array(3000)]), "set.zip");
    const up = await receiveUpload(new Request("http://127.0.0.1/x", { method: "POST", body: form }), { ownerId: "u1" });
    expect(up).toMatchObject({ fileName: "set.zip", bytes: 3000 });
  });

  it("refuses a second archive part instead of dropping it", async () => {
    const form = new FormData();
    form.append("archive", new Blob([new Uint8Array(10)]), "one.zip");
    form.append("archive", new Blob([new Uint8Array(10)]), "two.zip");
    const error = await receiveUpload(new Request("http://127.0.0.1/x", { method: "POST", body: form }), { ownerId: "u1" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_input", message: 'More than one archive: two.zip (send one part named "archive").' });
    expect(readdirSync(uploadsRoot()).filter((d) => !d.startsWith("model-")).length).toBe(1); // only the first test's upload
  });

  it("refuses a text field sent twice instead of keeping one of them, and keeps nothing", async () => {
    const before = readdirSync(uploadsRoot()).length;
    const form = new FormData();
    form.append("mode", "new");
    form.append("mode", "update");
    form.append("archive", new Blob([new Uint8Array(10)]), "one.zip");
    const error = await receiveUpload(new Request("http://127.0.0.1/x", { method: "POST", body: form }), { ownerId: "u1" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_input", message: 'The field "mode" is sent more than once; send it once.' });
    expect(readdirSync(uploadsRoot()).length).toBe(before);
  });

  it("answers a body that is not multipart (no boundary, cut short) with invalid_input and keeps nothing", async () => {
    const before = readdirSync(uploadsRoot()).length;
    const garbage = await receiveUpload(post("multipart/form-data", "garbage"), { ownerId: "u1" }).catch((e: unknown) => e);
    expect(garbage).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/^The request body is not valid multipart\/form-data \(.+\)\.$/) });
    const cut = post("multipart/form-data; boundary=b", '--b\r\nContent-Disposition: form-data; name="archive"; filename="a.zip"\r\n\r\nPK');
    expect(await receiveUpload(cut, { ownerId: "u1" }).catch((e: unknown) => e)).toMatchObject({ code: "invalid_input" });
    expect(readdirSync(uploadsRoot()).length).toBe(before);
  });
});
