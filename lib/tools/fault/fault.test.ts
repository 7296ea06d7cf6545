import { describe, expect, it } from "vitest";
import { runFaults } from "./run-faults";

describe("fault run (kill -9 of the worker and of an import, then restart)", () => {
  it("gives the uninterrupted numbers, counts no image twice and leaves no debris", async () => {
    const lines: string[] = [];
    const { problems } = await runFaults({ iterations: 2, evalImages: 60, evalSize: 32, importPairs: 150, importKillWindowMs: 3500, seed: 20261206, log: (l) => lines.push(l) });
    expect(problems, lines.join("\n")).toEqual([]);
  }, 120_000);
});
