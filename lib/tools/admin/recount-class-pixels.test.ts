import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { adminCreateApp } from "./create-app";
import { adminCreateUser } from "./create-user";
import { adminImportDataset } from "./import-dataset";
import { recountClassPixelsCommand } from "./recount-class-pixels";
import { createAdminTestDeps, writeDatasetFolder } from "./test-helpers";

let deps: Awaited<ReturnType<typeof createAdminTestDeps>>;
beforeEach(async () => {
  deps = await createAdminTestDeps();
  await adminCreateUser({ email: "ann@example.com", password: "correct-horse" }, deps);
  await adminCreateApp({ email: "ann@example.com", appName: "Street" }, deps);
});
afterEach(async () => {
  await deps.cleanup();
});

const run = () => recountClassPixelsCommand.invoke([], async () => deps);
const pixelsOf = async (name: string) => ((await deps.db.sample.findFirstOrThrow({ where: { name } })).metadata as { classPixels: Record<string, number> }).classPixels;

describe("recount-class-pixels", () => {
  it("rewrites counts recorded without the void value (imports before 2026-12-07) from the masks, once", async () => {
    const dir = path.join(deps.dir, "ds");
    // 8x6 = 48 pixels; b: every 4th pixel void (12), the rest class 2.
    writeDatasetFolder(dir, [{ name: "a" }, { name: "b", value: (i) => (i % 4 === 0 ? 255 : 2) }]);
    await adminImportDataset({ email: "ann@example.com", appName: "Street", datasetName: "roads", dir }, deps);
    expect(await pixelsOf("b")).toEqual({ "2": 36, "255": 12 });
    // The old form: void left out.
    const b = await deps.db.sample.findFirstOrThrow({ where: { name: "b" } });
    await deps.db.sample.update({ where: { id: b.id }, data: { metadata: { ...(b.metadata as object), classPixels: { "2": 36 } } } });

    expect(await run()).toEqual({ exitCode: 0, stdout: "Read 2 sample mask(s); rewrote the counts of 1.\n", stderr: "" });
    expect(await pixelsOf("b")).toEqual({ "2": 36, "255": 12 });
    expect(await pixelsOf("a")).toEqual({ "0": 16, "1": 16, "2": 16 });
    expect((await run()).stdout).toBe("Read 2 sample mask(s); rewrote the counts of 0.\n");
  });

  it("reports a mask it cannot read with exit 1 and leaves that sample as it was", async () => {
    const dir = path.join(deps.dir, "ds");
    writeDatasetFolder(dir, [{ name: "a" }, { name: "b" }]);
    await adminImportDataset({ email: "ann@example.com", appName: "Street", datasetName: "roads", dir }, deps);
    const a = await deps.db.sample.findFirstOrThrow({ where: { name: "a" } });
    await deps.db.sample.update({ where: { id: a.id }, data: { maskSha256: "0".repeat(64) } });
    const out = await run();
    expect(out.exitCode).toBe(1);
    expect(out.stderr).toBe(`error: Read 1 sample mask(s); rewrote the counts of 0. 1 mask(s) could not be read and were left as they were (sample ids: ${a.id}).\n`);
    expect(await pixelsOf("a")).toEqual({ "0": 16, "1": 16, "2": 16 });
  });
});
