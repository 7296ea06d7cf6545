import { describe, expect, it } from "vitest";
import type { SetResult } from "./bench-set";
import { formatMedians } from "./summary";

const base: SetResult = {
  label: "Set A",
  megapixels: 100,
  kernelGpxPerCore: 1.2,
  cliLean: 0.5,
  cliFull: 2,
  cpu: { lean: 0.45, full: 1.9, reference: 2.4 },
  cliPath: { lean: "main thread", full: "main thread + 1 worker thread" },
  reference: 3,
  referenceAgrees: true,
  inflateOneCore: 0.2,
  inflatePerCore: 0.1,
  inflateProcess: 0.25,
  cores: 2,
};

const row = (table: string, label: string) => table.split("\n").find((l) => l.startsWith(label)) ?? "";

describe("formatMedians", () => {
  it("judges the targets on the like-for-like run and shows the default run unjudged", () => {
    const table = formatMedians([base, { ...base, label: "Set B", kernelGpxPerCore: 0.9, cliLean: 0.7, inflateOneCore: 0.4, inflatePerCore: 0.2 }]);
    expect(row(table, "(a) kernel")).toMatch(/1\.20 Gpx\/s PASS .*0\.90 Gpx\/s MISS/);
    expect(row(table, "(b) CLI --no-boundary")).toMatch(/0\.500 s = 200 Mpx\/s \(CPU 0\.45 s\)/);
    expect(row(table, "(c)/(b) speed-up")).toMatch(/6\.00x PASS .*4\.29x MISS/);
    expect(row(table, "(c)/(b*) not judged")).toMatch(/1\.50x\s+1\.50x$/);
    expect(row(table, "(b)/(d) vs one-core")).toMatch(/2\.50x MISS .*1\.75x PASS/);
    expect(row(table, "(b)/(d') vs per-core")).toMatch(/5\.00x\s+3\.50x$/);
    expect(table).toContain("main thread");
    expect(row(table, "(b)/(e) vs that process")).toMatch(/2\.00x PASS \(<= 2x\)\s+2\.80x MISS \(<= 2x\)$/);
    expect(table).toContain("main thread + 1 worker thread");
  });

  it("says n/a when there was no numpy", () => {
    const table = formatMedians([{ ...base, reference: null, referenceAgrees: null, cpu: { ...base.cpu, reference: null } }]);
    expect(row(table, "(c) numpy")).toContain("n/a (no numpy)");
    expect(row(table, "(c)/(b) speed-up")).toContain("n/a");
  });
});
