import { describe, expect, it } from "vitest";
import { toPerClassBars } from "./per-class-bars";

const colors = new Map<number, [number, number, number]>([
  [0, [1, 2, 3]],
  [1, [4, 5, 6]],
]);

describe("toPerClassBars", () => {
  const rows = [
    { classIndex: 0, name: "a", iou: 0.5, dice: 2 / 3 },
    { classIndex: 1, name: "b", iou: null, dice: null },
    { classIndex: 2, name: "c", iou: 0.25, dice: 0.4 },
  ];

  it("keeps undefined values as n/a, never 0", () => {
    const bars = toPerClassBars(rows, colors);
    expect(bars[1]).toMatchObject({ name: "b", iou: null, iouLabel: "n/a", diceLabel: "n/a", color: "rgb(4, 5, 6)" });
    expect(bars[0]).toMatchObject({ iou: 50, iouLabel: "50.0%", dice: 66.67 });
    expect(bars[2].color).toBe("rgb(128, 128, 128)");
  });

  it("sorts worst first with undefined last", () => {
    expect(toPerClassBars(rows, colors, "iou-asc").map((b) => b.name)).toEqual(["c", "a", "b"]);
    expect(toPerClassBars(rows, colors, "iou-desc").map((b) => b.name)).toEqual(["a", "c", "b"]);
  });
});
