import { describe, expect, it } from "vitest";
import type { SparseConfusion } from "@/lib/contracts/sample-result";
import { mulberry32, pairedBootstrapMiouDiff } from "@/lib/core/metrics";
import { pairByImage } from "./compare";

/** `n` images of 3 classes with random counts, each as a sparse matrix [gt, pred, count]. */
function randomEvaluation(n: number, seed: number): Map<string, SparseConfusion> {
  const rand = mulberry32(seed);
  const m = new Map<string, SparseConfusion>();
  for (let i = 0; i < n; i++) {
    const cells: [number, number, number][] = [];
    for (let g = 0; g < 3; g++) for (let p = 0; p < 3; p++) cells.push([g, p, Math.floor(rand() * (g === p ? 400 : 60))]);
    m.set(`sample-${String(i).padStart(3, "0")}`, cells.filter(([, , c]) => c > 0));
  }
  return m;
}
const reversed = <V>(m: Map<string, V>) => new Map([...m].reverse());

describe("pairByImage", () => {
  it("pairs the shared images in sample-id order, whatever order the rows came in", () => {
    const a = randomEvaluation(40, 1);
    const b = randomEvaluation(40, 2);
    b.delete("sample-007");
    const one = pairByImage(3, a, b);
    const other = pairByImage(3, reversed(a), reversed(b));
    expect(one.a.length).toBe(39);
    expect(other).toEqual(one);
  });

  it("the paired interval of A against B is B's against A sign-flipped, whichever page asks (rows stored in other orders)", () => {
    const a = randomEvaluation(60, 3);
    const b = randomEvaluation(60, 4);
    const fromA = pairByImage(3, b, a); // this page: A; the other: B
    const fromB = pairByImage(3, reversed(a), reversed(b));
    const ab = pairedBootstrapMiouDiff(fromA.a, fromA.b, { resamples: 1000, seed: 0 });
    const ba = pairedBootstrapMiouDiff(fromB.a, fromB.b, { resamples: 1000, seed: 0 });
    expect(ba.estimate).toBeCloseTo(-ab.estimate, 12);
    expect(ba.low).toBeCloseTo(-ab.high, 12);
    expect(ba.high).toBeCloseTo(-ab.low, 12);
  });
});
