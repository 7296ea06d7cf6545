import { describe, expect, it } from "vitest";
import { pageOfPosition, stepPosition, viewerArrowStep } from "./viewer-step";

const key = (k: string, mods: Partial<{ altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => ({ key: k, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });

describe("viewerArrowStep", () => {
  it("←/→ step images from the overlay radios, the opacity slider and the buttons", () => {
    for (const target of [{ tagName: "INPUT", type: "radio" }, { tagName: "INPUT", type: "range" }, { tagName: "BUTTON" }, { tagName: "DIALOG" }, { tagName: "BODY" }, null]) {
      expect([viewerArrowStep(key("ArrowRight"), target), viewerArrowStep(key("ArrowLeft"), target)]).toEqual([1, -1]);
    }
  });
  it("text fields keep their arrows; other keys and modified arrows are left alone", () => {
    for (const target of [{ tagName: "INPUT", type: "text" }, { tagName: "INPUT", type: "number" }, { tagName: "INPUT" }, { tagName: "TEXTAREA" }, { tagName: "SELECT" }, { tagName: "DIV", isContentEditable: true }]) {
      expect(viewerArrowStep(key("ArrowRight"), target)).toBeNull();
    }
    expect(viewerArrowStep(key("ArrowUp"), { tagName: "BUTTON" })).toBeNull();
    expect(viewerArrowStep(key(" "), { tagName: "INPUT", type: "radio" })).toBeNull();
    expect(viewerArrowStep(key("ArrowLeft", { altKey: true }), { tagName: "BUTTON" })).toBeNull();
    expect(viewerArrowStep(key("ArrowRight", { shiftKey: true }), { tagName: "BUTTON" })).toBeNull();
  });
});

describe("stepPosition / pageOfPosition", () => {
  it("steps across pages of 12 and wraps at both ends of the whole list", () => {
    expect(stepPosition(11, 1, 15)).toBe(12);
    expect(pageOfPosition(12, 12)).toEqual({ page: 2, index: 0 });
    expect(stepPosition(12, -1, 15)).toBe(11);
    expect(pageOfPosition(11, 12)).toEqual({ page: 1, index: 11 });
    expect(stepPosition(14, 1, 15)).toBe(0);
    expect(stepPosition(0, -1, 15)).toBe(14);
    expect(pageOfPosition(14, 12)).toEqual({ page: 2, index: 2 });
    expect(stepPosition(0, 1, 0)).toBe(0);
  });
});
