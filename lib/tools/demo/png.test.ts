import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/core/errors";
import { DEMO_CLASSES } from "./classes";
import { colorizeMask, encodeMaskPng, encodeRgbPng } from "./png";
import { generateScene } from "./street-scene";

describe("PNG helpers", () => {
  const scene = generateScene(21, { width: 96, height: 64 });

  it("round-trips an RGB image through fast-png", () => {
    const png = encodeRgbPng(scene.image, 96, 64);
    const back = decode(png);
    expect(back.width).toBe(96);
    expect(back.height).toBe(64);
    expect(back.channels).toBe(3);
    expect(back.depth).toBe(8);
    expect(Buffer.from(back.data as Uint8Array).equals(Buffer.from(scene.image))).toBe(true);
  });

  it("round-trips a label map (void included) as 8-bit grey", () => {
    const mask = scene.mask.slice();
    mask[0] = 255;
    const back = decode(encodeMaskPng(mask, 96, 64));
    expect(back.channels).toBe(1);
    expect(back.depth).toBe(8);
    expect(Buffer.from(back.data as Uint8Array).equals(Buffer.from(mask))).toBe(true);
  });

  it("rejects a buffer whose length does not match the size", () => {
    expect(() => encodeRgbPng(scene.image, 95, 64)).toThrow(AppError);
    expect(() => encodeMaskPng(scene.mask, 96, 65)).toThrow(/encodeMaskPng: expected 6240 bytes/);
  });

  it("colourises a label map with the class colours, void in black", () => {
    const rgb = colorizeMask(Uint8Array.from([2, 255]), DEMO_CLASSES);
    expect([...rgb]).toEqual([...DEMO_CLASSES[2].color, 0, 0, 0]);
  });
});
