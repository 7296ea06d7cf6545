import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { differenceHash, findLeakage, hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE, type SampleFingerprint } from "@/lib/core/leakage";
import { perceptualHash } from "./perceptual-hash";

function gradientImage(w: number, h: number): Uint8Array {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) {
    const x = i % w;
    const y = Math.floor(i / w);
    const v = 128 + 90 * Math.sin(x / 37 + y / 51) * Math.cos(y / 29);
    data.set([v, v * 0.8, 255 - v], i * 3);
  }
  return data;
}

describe("perceptualHash", () => {
  it("agrees with the pure dHash of the decoded pixels, also after a big pre-shrink, and survives JPEG re-encoding", async () => {
    for (const [w, h] of [[320, 240], [1600, 1200]]) {
      const raw = gradientImage(w, h);
      const png = await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).png().toBuffer();
      const jpeg = await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 70 }).toBuffer();
      const core = differenceHash({ data: raw, width: w, height: h, channels: 3 });
      expect(hammingDistance(await perceptualHash(png), core)).toBeLessThanOrEqual(w > 600 ? 1 : 0);
      expect(hammingDistance(await perceptualHash(jpeg), core)).toBeLessThanOrEqual(2);
    }
  });

  it("rejects bytes that are not an image", async () => {
    await expect(perceptualHash(new TextEncoder().encode("not an image"))).rejects.toThrow();
  });
});

const camvid = path.resolve(import.meta.dirname, "../../../../shared/datasets/camvid");
const hasCamvid = existsSync(path.join(camvid, "train", "images")) && existsSync(path.join(camvid, "val", "images"));
if (!hasCamvid) console.warn(`Skipping the CamVid leakage test: ${camvid} not found (the shared datasets are not on this machine).`);

async function fingerprints(dir: string): Promise<SampleFingerprint[]> {
  const names = readdirSync(dir).filter((n) => n.endsWith(".png")).sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = readFileSync(path.join(dir, name));
      return { name, sha256: createHash("sha256").update(bytes).digest("hex"), dhash: await perceptualHash(bytes) };
    }),
  );
}

const nearestHistogram = (a: SampleFingerprint[], b: SampleFingerprint[]) => {
  const nearest = a.map((x) => Math.min(...b.map((y) => hammingDistance(x.dhash!, y.dhash!))));
  return `nearest distances min ${Math.min(...nearest)}, median ${nearest.sort((p, q) => p - q)[nearest.length >> 1]}`;
};

/*
 * The shared CamVid folders are NOT frames of one video (see its README):
 * train is every 30th frame of sequence 0001TP (dusk), val all of 0016E5
 * (daylight). So train vs val must give no match, while val split into
 * alternate frames (1/15 s apart) must give near-duplicates almost
 * everywhere: the "frames of the same videos" case the warning is for.
 */
describe.skipIf(!hasCamvid)("leakage on the shared CamVid train and val folders", () => {
  it("finds no leak between train (0001TP) and val (0016E5), and near-duplicates between alternate val frames of one video", async () => {
    const train = await fingerprints(path.join(camvid, "train", "images"));
    const val = await fingerprints(path.join(camvid, "val", "images"));
    const cross = findLeakage(train, val);
    const even = val.filter((_, i) => i % 2 === 0);
    const odd = val.filter((_, i) => i % 2 === 1);
    const sameVideo = findLeakage(even, odd);
    const trainOneSecond = findLeakage(train.filter((_, i) => i % 2 === 0), train.filter((_, i) => i % 2 === 1));
    console.info(
      `CamVid leakage at Hamming <= ${NEAR_DUPLICATE_MAX_DISTANCE}: train(${train.length}) vs val(${val.length}): exact ${cross.exact.length}, near ${cross.nearDuplicates.length} (${nearestHistogram(val, train)}); ` +
        `val even(${even.length}) vs odd(${odd.length}) frames: near ${sameVideo.nearDuplicates.length} (${nearestHistogram(odd, even)}); ` +
        `train even vs odd (1 s apart): near ${trainOneSecond.nearDuplicates.length} of ${train.length >> 1} (${nearestHistogram(train.filter((_, i) => i % 2 === 1), train.filter((_, i) => i % 2 === 0))})`,
    );
    expect(cross.exact).toEqual([]);
    expect(cross.nearDuplicates).toEqual([]);
    expect(sameVideo.nearDuplicates.length).toBeGreaterThanOrEqual(Math.floor(odd.length * 0.8));
  }, 60_000);
});
