import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { extractArchive, inspectImport, openFolderSource } from "@/lib/server/datasets/import";
import { makeTempDir } from "@/lib/server/datasets/import/test-fixtures";
import { parseSampleDataArgs } from "./main";
import { writeSampleDataset } from "./write-sample-dataset";

let tmp: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => (tmp = await makeTempDir()));
afterEach(() => tmp.cleanup());

describe("writeSampleDataset", () => {
  it.each(["zip", "tar.gz"] as const)("writes a dataset that imports cleanly, as a folder and as a .%s", async (kind) => {
    const out = path.join(tmp.dir, "sample");
    const { archive } = await writeSampleDataset({ out, count: 4, width: 96, height: 64, archive: kind });
    expect((await readdir(path.join(out, "predictions"))).sort()).toEqual(["street_001.png", "street_002.png", "street_003.png", "street_004.png"]);
    const folder = await inspectImport(await openFolderSource({ dir: out }));
    expect(folder.problems).toEqual([]);
    expect(folder.plan).toMatchObject({ layout: "pairs", classSource: "classes-file", ignoreIndex: 255 });
    expect(folder.plan.samples).toHaveLength(4);
    const source = await extractArchive({ file: archive!, stagingRoot: tmp.dir });
    const packed = await inspectImport(source);
    expect(packed.plan.root).toBe("sample-dataset");
    expect(packed.problems).toEqual([]);
    expect(packed.plan.samples.map((s) => s.tags)).toEqual(folder.plan.samples.map((s) => s.tags));
    await source.cleanup();
  });

  it("parses the CLI flags and refuses unknown ones with the usage", () => {
    expect(parseSampleDataArgs(["--out", "x", "--archive", "zip"])).toMatchObject({ archive: "zip", out: path.resolve("x") });
    expect(() => parseSampleDataArgs(["--archive", "rar", "--out", "x"])).toThrow(/usage: npx tsx lib\/tools\/sample-data\/main\.ts/);
    expect(() => parseSampleDataArgs([])).toThrow(/--out is required/);
  });
});
