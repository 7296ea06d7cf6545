import { describe, expect, it } from "vitest";
import { decodeLabelMap, encodeLabelMap, readPngHeader, renderColorizedMask, renderErrorMap, type Rgb } from "@/lib/core/masks";
import { downsampleNearest } from "@/lib/core/masks/decode-view";
import { renderViewPng } from "./sample-views";

const COLORS: Rgb[] = [[10, 20, 30], [200, 0, 0], [0, 200, 0]];

function mask(width: number, height: number, shift: number): Uint8Array {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = ((i % width) + shift + Math.floor(i / width)) % 3;
  return encodeLabelMap({ width, height, data });
}

describe("renderViewPng", () => {
  const blobs: Record<string, Uint8Array> = { gt: mask(300, 120, 0), pred: mask(300, 120, 1) };
  const read = async (sha: string) => blobs[sha];
  const inputs = { name: "s", gtSha: "gt", predSha: "pred", colors: COLORS, ignoreValues: [2] };

  it("draws each view at display size, equal to a full render of the downsampled maps", async () => {
    const gt = downsampleNearest(decodeLabelMap(blobs.gt), 100, 40);
    const pred = downsampleNearest(decodeLabelMap(blobs.pred), 100, 40);
    expect(await renderViewPng({ ...inputs, view: "truth" }, 100, read)).toEqual(renderColorizedMask(gt, COLORS, { ignoreValues: [2] }));
    expect(await renderViewPng({ ...inputs, view: "prediction" }, 100, read)).toEqual(renderColorizedMask(pred, COLORS, { ignoreValues: [2] }));
    expect(await renderViewPng({ ...inputs, view: "errors" }, 100, read)).toEqual(renderErrorMap(gt, pred, { ignoreValues: [2] }));
  });

  it("keeps small images at their size and refuses a missing prediction", async () => {
    const png = await renderViewPng({ ...inputs, view: "truth" }, 1024, read);
    expect(readPngHeader(png).width).toBe(300);
    await expect(renderViewPng({ ...inputs, predSha: null, view: "errors" }, 100, read)).rejects.toMatchObject({ code: "not_found" });
  });
});
