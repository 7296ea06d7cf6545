import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { saveRenderedView } from "@/lib/server/db/rendered-views";
import { createTestDatabase, type TestDatabase } from "@/lib/server/db/test-database";
import { createBlobStore, type BlobStore } from "./blob-store";
import { sweepDebris } from "./sweep";

let t: TestDatabase;
let store: BlobStore;
beforeEach(async () => {
  t = await createTestDatabase("intersect-sweep-rows-");
  store = createBlobStore(path.join(t.dir, "blobs"));
});
afterEach(async () => t.cleanup());

describe("sweepDebris: rows that only grow", () => {
  it("deletes throttle rows whose counters have reset and keeps recent ones", async () => {
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await t.db.signInThrottle.create({ data: { key: "account:old@example.com", failures: 9, lockedUntil: old } });
    await t.db.$executeRaw`UPDATE "SignInThrottle" SET "updatedAt" = ${old} WHERE "key" = 'account:old@example.com'`;
    await t.db.signInThrottle.create({ data: { key: "account:new@example.com", failures: 3 } });
    const report = await sweepDebris({ db: t.db, store });
    expect(report.throttles).toBe(1);
    expect((await t.db.signInThrottle.findMany({ select: { key: true } })).map((r) => r.key)).toEqual(["account:new@example.com"]);
  });

  it("deletes cached views of evaluations that no longer exist, then their PNG blobs", async () => {
    const png = await store.putBlob(new Uint8Array([137, 80, 78, 71, 1, 2, 3]));
    await saveRenderedView("gone-evaluation:sample:truth:1024:abc", png.sha256, t.db);
    const report = await sweepDebris({ db: t.db, store, graceMs: 0 });
    expect(report.views).toBe(1);
    expect(await t.db.renderedView.count()).toBe(0);
    expect(report.blobs).toBe(1);
  });
});
