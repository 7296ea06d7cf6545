import { describe, it, expect } from "vitest";
import { createHash } from "node:crypto";
import path from "node:path";
import { DECODERS } from "./testdata/test-helpers";
import { datasetsDir, datasetsExist, listPngs, readBytes } from "./testdata/fixtures";
import expected from "./testdata/expected-masks.json";
import type { LabelArray } from "./types";

// Real masks from ../shared/datasets, checked against what PIL + numpy read
// (testdata/expected-masks.json, made by testdata/make-expected-masks.py):
// same size, same SHA-256 of the label array, same count of every value.

interface Expected {
  width: number;
  height: number;
  mode: string;
  dtype: "uint8" | "uint16";
  sha256: string;
  counts: Record<string, number>;
}
const files = expected.files as Record<string, Expected>;

function countValues(data: LabelArray): Record<string, number> {
  const histogram = new Uint32Array(65536);
  for (let i = 0; i < data.length; i++) histogram[data[i]]++;
  const counts: Record<string, number> = {};
  histogram.forEach((c, v) => {
    if (c > 0) counts[String(v)] = c;
  });
  return counts;
}

/** SHA-256 of the array's bytes; numpy's uint16 bytes are little-endian, as are typed arrays here. */
function sha256(data: LabelArray): string {
  return createHash("sha256").update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).digest("hex");
}

if (!datasetsExist) console.warn(`datasets.test.ts: skipping the real dataset masks: ${datasetsDir} is absent (the shared datasets live beside the repo)`);
describe.skipIf(!datasetsExist)("real dataset masks", () => {
  describe.each(DECODERS)("with %s", (_name, decode) => {
    it("VOC class mask: palette indices with the README counts (255 = void)", () => {
      const map = decode(readBytes(path.join(datasetsDir, "voc2012_palette/masks/2007_000063.png")), { fileName: "2007_000063.png" });
      expect([map.width, map.height]).toEqual([500, 375]);
      expect(map.data).toBeInstanceOf(Uint8Array);
      expect(countValues(map.data)).toEqual({ "0": 72224, "9": 78930, "12": 27632, "255": 8714 });
    });

    it("VOC object mask: instance indices with the README counts", () => {
      const map = decode(readBytes(path.join(datasetsDir, "voc2012_palette/object_masks/2007_000063.png")));
      expect(countValues(map.data)).toEqual({ "0": 72224, "1": 27632, "2": 78930, "255": 8714 });
    });

    it("CamVid val: 101 masks, values 0..11, pixel for pixel what PIL reads", () => {
      const names = listPngs("camvid/val/masks");
      expect(names).toHaveLength(101);
      for (const name of names) {
        const key = `camvid/val/masks/${name}`;
        const map = decode(readBytes(path.join(datasetsDir, key)), { fileName: key });
        const want = files[key];
        expect(want, key).toBeDefined();
        expect([map.width, map.height], key).toEqual([480, 360]);
        expect(sha256(map.data), key).toBe(want.sha256);
        expect(countValues(map.data), key).toEqual(want.counts);
        expect(Math.max(...Object.keys(want.counts).map(Number))).toBeLessThanOrEqual(11);
      }
    });

    it("every other shared mask (CamVid train, ISIC, VOC) matches PIL pixel for pixel", () => {
      const keys = Object.keys(files).filter((key) => !key.startsWith("camvid/val/"));
      expect(keys.length).toBe(160);
      for (const key of keys) {
        const want = files[key];
        const map = decode(readBytes(path.join(datasetsDir, key)), { fileName: key });
        expect([map.width, map.height], key).toEqual([want.width, want.height]);
        expect(map.data.BYTES_PER_ELEMENT, key).toBe(want.dtype === "uint8" ? 1 : 2);
        expect(sha256(map.data), key).toBe(want.sha256);
        expect(countValues(map.data), key).toEqual(want.counts);
      }
    });
  });

  it("the CamVid val totals agree with the dataset README", () => {
    const totals: Record<string, number> = {};
    for (const [key, want] of Object.entries(files)) {
      if (!key.startsWith("camvid/val/")) continue;
      for (const [v, c] of Object.entries(want.counts)) totals[v] = (totals[v] ?? 0) + c;
    }
    expect(totals).toEqual({
      "0": 1601620, "1": 4531180, "2": 98499, "3": 5053176, "4": 1521751, "5": 2851125,
      "6": 155724, "7": 537197, "8": 304716, "9": 113531, "10": 387010, "11": 297271,
    });
  });
});
