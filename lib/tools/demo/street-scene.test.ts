import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { DEMO_CLASSES, DEMO_IGNORE_INDEX } from "./classes";
import { generateScene } from "./street-scene";

const SIZE = { width: 192, height: 144 };

function meanBrightness(image: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < image.length; i++) s += image[i];
  return s / image.length;
}

describe("generateScene", () => {
  it("is deterministic: the same seed gives identical bytes, tags and metadata", () => {
    for (const seed of [0, 7, 123456]) {
      const a = generateScene(seed, SIZE);
      const b = generateScene(seed, SIZE);
      expect(Buffer.from(a.image).equals(Buffer.from(b.image))).toBe(true);
      expect(Buffer.from(a.mask).equals(Buffer.from(b.mask))).toBe(true);
      expect(a.tags).toEqual(b.tags);
      expect(a.metadata).toEqual(b.metadata);
      expect(a.name).toBe(b.name);
    }
  });

  it("gives different scenes for different seeds", () => {
    const a = generateScene(1, SIZE);
    const b = generateScene(2, SIZE);
    expect(Buffer.from(a.mask).equals(Buffer.from(b.mask))).toBe(false);
    expect(a.name).not.toBe(b.name);
  });

  it("returns RGB and label map of the requested size with only class indices or 255", () => {
    const allowed = new Set([...DEMO_CLASSES.map((c) => c.index), DEMO_IGNORE_INDEX]);
    for (let seed = 0; seed < 10; seed++) {
      const s = generateScene(seed, SIZE);
      expect(s.width).toBe(SIZE.width);
      expect(s.image.length).toBe(SIZE.width * SIZE.height * 3);
      expect(s.mask.length).toBe(SIZE.width * SIZE.height);
      const seen = new Set(s.mask);
      for (const v of seen) expect(allowed.has(v)).toBe(true);
    }
  });

  it("shows every class somewhere in 40 scenes, and a thin void band in most", () => {
    const counts = new Array<number>(256).fill(0);
    let withVoid = 0;
    for (let seed = 0; seed < 40; seed++) {
      const s = generateScene(seed, SIZE);
      let voids = 0;
      for (const v of s.mask) {
        counts[v]++;
        if (v === DEMO_IGNORE_INDEX) voids++;
      }
      if (voids > 0) withVoid++;
      expect(voids / s.mask.length).toBeLessThan(0.05);
    }
    for (const c of DEMO_CLASSES) expect(counts[c.index], c.name).toBeGreaterThan(0);
    expect(withVoid).toBeGreaterThan(30);
  });

  it("draws scenario tags with roughly the specified shares", () => {
    const n = 400;
    const share: Record<string, number> = { occluded: 0, "low-light": 0, night: 0, "unusual-perspective": 0 };
    for (let seed = 0; seed < n; seed++) {
      const s = generateScene(seed, { width: 32, height: 32 });
      for (const t of s.tags) share[t] += 1 / n;
      if (s.tags.includes("night")) expect(s.tags).toContain("low-light");
      expect(s.metadata.timeOfDay === "night").toBe(s.tags.includes("night"));
    }
    expect(share.occluded).toBeGreaterThan(0.18);
    expect(share.occluded).toBeLessThan(0.32);
    expect(share["low-light"]).toBeGreaterThan(0.18);
    expect(share["low-light"]).toBeLessThan(0.32);
    expect(share["unusual-perspective"]).toBeGreaterThan(0.14);
    expect(share["unusual-perspective"]).toBeLessThan(0.26);
    expect(share.night).toBeGreaterThan(0.06);
    expect(share.night).toBeLessThan(0.18);
  });

  it("forces a scenario: low light darkens the image and leaves the mask unchanged", () => {
    for (const seed of [3, 4, 5]) {
      const day = generateScene(seed, { ...SIZE, scenario: { lowLight: false, night: false } });
      const dusk = generateScene(seed, { ...SIZE, scenario: { lowLight: true, night: false } });
      expect(day.tags).not.toContain("low-light");
      expect(dusk.tags).toContain("low-light");
      expect(Buffer.from(day.mask).equals(Buffer.from(dusk.mask))).toBe(true);
      expect(meanBrightness(dusk.image)).toBeLessThan(meanBrightness(day.image) * 0.6);
    }
    const night = generateScene(9, { ...SIZE, scenario: { night: true } });
    expect(night.tags).toEqual(expect.arrayContaining(["night", "low-light"]));
  });

  it("forces occlusion and unusual perspective", () => {
    const s = generateScene(11, { ...SIZE, scenario: { occluded: true, unusualPerspective: true } });
    expect(s.tags).toEqual(expect.arrayContaining(["occluded", "unusual-perspective"]));
    expect(s.metadata.perspective).not.toBe("normal");
    const plain = generateScene(11, { ...SIZE, scenario: { occluded: false, unusualPerspective: false, lowLight: false } });
    expect(plain.tags).toEqual([]);
  });

  it("rejects bad sizes and seeds with invalid_input naming the function", () => {
    expect(() => generateScene(1, { width: 10, height: 100 })).toThrow(AppError);
    expect(() => generateScene(1, { width: 100.5, height: 100 })).toThrow(/generateScene: width/);
    expect(() => generateScene(-1, { width: 100, height: 100 })).toThrow(/generateScene: seed/);
  });
});
