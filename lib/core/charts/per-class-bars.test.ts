import { describe, expect, it } from "vitest";
import { perClassSortOptions, toPerClassBars } from "./per-class-bars";

const colors = new Map<number, [number, number, number]>([
  [0, [1, 2, 3]],
  [1, [4, 5, 6]],
  [3, [255, 255, 255]],
]);

describe("toPerClassBars", () => {
  const rows = [
    { classIndex: 0, name: "a", iou: 0.5, dice: 2 / 3, iouLow: 0.4, iouHigh: 0.55 },
    { classIndex: 1, name: "b", iou: null, dice: null },
    { classIndex: 2, name: "c", iou: 0.25, dice: 0.9 },
  ];

  it("keeps undefined values as n/a, never 0", () => {
    const bars = toPerClassBars(rows, colors);
    expect(bars[1]).toMatchObject({ name: "b", value: null, label: "n/a", color: "rgb(4, 5, 6)", error: null });
    expect(bars[0]).toMatchObject({ value: 50, label: "50.0%", axisLabel: "a · 50.0%" });
    expect(bars[2].color).toBe("rgb(128, 128, 128)");
  });

  it("sorts worst/best by the chosen metric with undefined last", () => {
    expect(toPerClassBars(rows, colors, { sort: "worst" }).map((b) => b.name)).toEqual(["c", "a", "b"]);
    expect(toPerClassBars(rows, colors, { sort: "best" }).map((b) => b.name)).toEqual(["a", "c", "b"]);
    expect(toPerClassBars(rows, colors, { metric: "dice", sort: "worst" }).map((b) => b.name)).toEqual(["a", "c", "b"]);
    expect(toPerClassBars(rows, colors, { metric: "dice" })[0]).toMatchObject({ value: 66.67 });
  });

  it("names the metric in the tooltip and draws the IoU interval as an error bar", () => {
    const [a] = toPerClassBars(rows, colors);
    expect(a.tooltip).toBe("IoU: 50.0% (95% CI 40.0% – 55.0%)");
    expect(a.error).toEqual([10, 5]);
    expect(toPerClassBars(rows, colors, { metric: "dice" })[0].tooltip).toBe("Dice: 66.7%");
  });

  it("draws and labels 0–1 scores in score mode, n/a still n/a", () => {
    const [a, b] = toPerClassBars(rows, colors, { mode: "score" });
    expect(a).toMatchObject({ value: 0.5, label: "0.500", axisLabel: "a · 0.500", tooltip: "IoU: 0.500 (95% CI 0.400 – 0.550)" });
    expect(a.error?.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0.1, 0.05]);
    expect(b).toMatchObject({ value: null, label: "n/a" });
    expect(toPerClassBars(rows, colors, { metric: "dice", mode: "score" })[0]).toMatchObject({ value: 0.6667, label: "0.667" });
  });

  it("outlines a white class (contrast guard)", () => {
    const [w] = toPerClassBars([{ classIndex: 3, name: "lesion", iou: 0.9, dice: 0.95 }], colors);
    expect(w.color).toBe("rgb(255, 255, 255)");
    expect(w.stroke).not.toBeNull();
  });

  it("labels the Order menu with the metric", () => {
    expect(perClassSortOptions("dice")[0].label).toBe("Worst Dice first");
    expect(perClassSortOptions("iou")[1].label).toBe("Best IoU first");
  });
});
