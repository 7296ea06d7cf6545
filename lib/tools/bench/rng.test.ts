import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/lib/core/metrics/prng";
import { createRng, hashSeed } from "./rng";

describe("createRng", () => {
  it("keeps the sequence the cached bench sets were generated with", () => {
    const r = createRng(42);
    expect([r.next(), r.next(), r.int(0, 1000), r.range(-1, 1)]).toEqual([0.6011037519201636, 0.44829055899754167, 853, 0.33946808287873864]);
    const s = createRng(0xdeadbeef);
    expect(Array.from({ length: 4 }, () => s.int(0, 2 ** 20))).toEqual([987098, 280175, 809536, 375559]);
  });

  it("is the engine's mulberry32 scaled to [0, 1)", () => {
    const r = createRng(7);
    const u = mulberry32(7);
    for (let i = 0; i < 1000; i++) expect(r.next()).toBe(u() / 2 ** 32);
  });

  it("hashSeed is 32-bit FNV-1a (published test vectors), salted by the offset basis", () => {
    expect(hashSeed("")).toBe(0x811c9dc5);
    expect(hashSeed("a")).toBe(0xe40c292c);
    expect(hashSeed("foobar")).toBe(0xbf9cf968);
    expect(hashSeed("a", 1)).not.toBe(hashSeed("a"));
  });
});
