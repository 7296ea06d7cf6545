import { describe, expect, it } from "vitest";
import { accumulate, computeScores, createConfusion, mergeConfusion } from "@/lib/core/metrics";
import { resultsByTag, tagsKey } from "./by-tag";

function image(name: string, gt: number[], pred: number[], tags: string[]) {
  const confusion = createConfusion(2);
  accumulate(confusion, Uint8Array.from(gt), Uint8Array.from(pred), { numClasses: 2 });
  return { name, confusion, tags };
}

describe("resultsByTag", () => {
  it("scores each tag on its own images (dataset-level), untagged last", () => {
    const a = image("a", [0, 0, 1, 1], [0, 0, 1, 1], ["night"]);
    const b = image("b", [0, 1, 1, 1], [1, 1, 1, 0], ["night", "occluded"]);
    const c = image("c", [1, 1, 0, 0], [1, 0, 0, 0], []);
    const byTag = resultsByTag([a, b, c], 2);
    expect(byTag.map((t) => [t.tag, t.images])).toEqual([["night", 2], ["occluded", 1], [null, 1]]);
    const night = createConfusion(2);
    mergeConfusion(night, a.confusion);
    mergeConfusion(night, b.confusion);
    expect(byTag[0].miou).toBeCloseTo(computeScores(night).miou, 12);
    expect(byTag[1].miou).toBeCloseTo(computeScores(b.confusion).miou, 12);
    expect(byTag[1].perClassIou[0]).toBe(0);
  });
});

describe("tagsKey", () => {
  it("ignores the order of images and of an image's tags, and changes with any tag", () => {
    const key = tagsKey([{ name: "a", tags: ["night", "rain"] }, { name: "b", tags: [] }]);
    expect(tagsKey([{ name: "b" }, { name: "a", tags: ["rain", "night"] }])).toBe(key);
    expect(tagsKey([{ name: "a", tags: ["night"] }, { name: "b", tags: [] }])).not.toBe(key);
    expect(tagsKey([{ name: "a", tags: ["night", "rain"] }, { name: "b", tags: ["rain"] }])).not.toBe(key);
    // No separator can run two tags into one (tags stored before the tag rules may hold a tab).
    expect(tagsKey([{ name: "a", tags: ["x\ty"] }])).not.toBe(tagsKey([{ name: "a", tags: ["x", "y"] }]));
  });
});
