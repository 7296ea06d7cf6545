import { describe, expect, it } from "vitest";
import { classPaint, contrastOnWhite, darkenTo } from "./class-color";

describe("classPaint (contrast guard)", () => {
  it("outlines a white class and keeps its fill", () => {
    const p = classPaint([255, 255, 255]);
    expect(p.fill).toBe("rgb(255, 255, 255)");
    expect(p.stroke).not.toBeNull();
    expect(contrastOnWhite([255, 255, 255])).toBeCloseTo(1, 6);
  });
  it("outlines a very light yellow but not a dark blue", () => {
    expect(classPaint([255, 255, 200]).stroke).not.toBeNull();
    expect(classPaint([0, 0, 142]).stroke).toBeNull();
    expect(classPaint([0, 0, 142]).text).toBe("rgb(0, 0, 142)");
  });
  it("darkens text of light colours until readable on white", () => {
    const light: [number, number, number] = [220, 220, 0];
    expect(contrastOnWhite(darkenTo(light, 3))).toBeGreaterThanOrEqual(3);
    expect(classPaint(light).text).not.toBe(classPaint(light).fill);
  });
  it("draws an unknown colour as grey", () => {
    expect(classPaint(null).fill).toBe("rgb(128, 128, 128)");
  });
});
