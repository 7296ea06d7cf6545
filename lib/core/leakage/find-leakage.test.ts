import { describe, expect, it } from "vitest";
import { findLeakage, NEAR_DUPLICATE_MAX_DISTANCE } from "./find-leakage";

/** A 256-bit hash (64 hex digits) with bits `from` .. `from + ones - 1` set (bit 0 most significant). */
function hashWithOnes(ones: number, from = 0): string {
  const bits = Array.from({ length: 256 }, (_, i) => (i >= from && i < from + ones ? 1 : 0));
  let hex = "";
  for (let i = 0; i < 256; i += 4) hex += ((bits[i] << 3) | (bits[i + 1] << 2) | (bits[i + 2] << 1) | bits[i + 3]).toString(16);
  return hex;
}

describe("findLeakage", () => {
  const training = [
    { name: "t1", sha256: "aa", perceptualHash: hashWithOnes(0) },
    { name: "t2", sha256: "bb", perceptualHash: hashWithOnes(128, 128) },
    { name: "t3", sha256: "cc", perceptualHash: null },
  ];

  it("reports exact matches by sha256, near-duplicates within the threshold against the closest training sample, once each", () => {
    const r = findLeakage(training, [
      { name: "e-exact", sha256: "cc", perceptualHash: hashWithOnes(7) },
      { name: "e-near", sha256: "x1", perceptualHash: hashWithOnes(120, 136) }, // 8 bits from t2, 120 from t1
      { name: "e-edge", sha256: "x2", perceptualHash: hashWithOnes(NEAR_DUPLICATE_MAX_DISTANCE) }, // at the threshold from t1: counted
      { name: "e-far", sha256: "x3", perceptualHash: hashWithOnes(NEAR_DUPLICATE_MAX_DISTANCE + 1) }, // one bit more: not counted
      { name: "e-nohash", sha256: "x4", perceptualHash: null },
    ]);
    expect(r.exact).toEqual([{ sample: "e-exact", trainingSample: "t3", kind: "exact", distance: 0 }]);
    expect(r.nearDuplicates).toEqual([
      { sample: "e-near", trainingSample: "t2", kind: "near-duplicate", distance: 8 },
      { sample: "e-edge", trainingSample: "t1", kind: "near-duplicate", distance: NEAR_DUPLICATE_MAX_DISTANCE },
    ]);
    expect(r.leaked).toEqual(["e-exact", "e-near", "e-edge"]);
  });

  it("ignores fingerprints of the older 16-digit dHash format for near-duplicates, but still finds exact matches", () => {
    const old = [{ name: "t-old", sha256: "dd", perceptualHash: "0000000000000000" }];
    expect(findLeakage(old, [{ name: "e", sha256: "x", perceptualHash: hashWithOnes(0) }]).leaked).toEqual([]);
    expect(findLeakage(training, [{ name: "e", sha256: "x", perceptualHash: "0000000000000000" }]).leaked).toEqual([]);
    expect(findLeakage(old, [{ name: "e", sha256: "dd", perceptualHash: "0000000000000000" }]).exact).toEqual([{ sample: "e", trainingSample: "t-old", kind: "exact", distance: 0 }]);
  });

  it("takes a custom threshold and handles empty sets", () => {
    const e = [{ name: "e", sha256: "x", perceptualHash: hashWithOnes(60) }];
    expect(findLeakage(training, e).leaked).toEqual([]);
    expect(findLeakage(training, e, { maxDistance: 60 }).nearDuplicates).toEqual([{ sample: "e", trainingSample: "t1", kind: "near-duplicate", distance: 60 }]);
    expect(findLeakage([], e)).toEqual({ exact: [], nearDuplicates: [], leaked: [] });
  });
});
