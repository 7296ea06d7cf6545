import { describe, expect, it } from "vitest";
import { runFaults } from "./run-faults";

describe("fault run (kill -9 of the worker and of an import, then restart)", () => {
  it("gives the uninterrupted numbers, counts no image twice and leaves no debris", async () => {
    const lines: string[] = [];
    const { problems } = await runFaults({ iterations: 2, evalImages: 60, evalSize: 32, importPairs: 150, importKillWindowMs: 3500, seed: 20261206, log: (l) => lines.push(l) });
    expect(problems, lines.join("\n")).toEqual([]);
    // The kills really interrupted something: the worker mid-run, the import inside its window.
    const kills = lines.filter((l) => / evaluation worker killed at /.test(l));
    expect(kills, lines.join("\n")).toHaveLength(2);
    for (const line of kills) {
      const [, at, total] = / killed at (\d+)\/(\d+)/.exec(line)!;
      expect(Number(at), line).toBeLessThan(Number(total));
    }
    for (const line of lines.filter((l) => / import killed after /.test(l))) expect(Number(/ after (\d+) ms/.exec(line)![1]), line).toBeLessThan(3500);
  }, 120_000);
});
