import { describe, expect, it } from "vitest";
import { SPILL_LABEL, compactCount, prepareConfusionHeatmap } from "./confusion-heatmap";

const classes = [
  { index: 0, name: "background", color: [0, 0, 0] as const },
  { index: 1, name: "lesion", color: [255, 255, 255] as const },
  { index: 2, name: "empty", color: [0, 128, 0] as const },
];
const matrix = [
  [90, 5, 0, 5],
  [10, 30, 0, 0],
  [0, 0, 0, 0],
];

describe("prepareConfusionHeatmap", () => {
  it("keeps class order on both axes, adds the spill column, colours labels with the contrast guard", () => {
    const h = prepareConfusionHeatmap(matrix, classes, "counts");
    expect(h.columns.map((c) => c.name)).toEqual(["background", "lesion", "empty", SPILL_LABEL]);
    expect(h.rows.map((r) => r.label.name)).toEqual(["background", "lesion", "empty"]);
    expect(h.rows[1].label.paint.stroke).not.toBeNull();
    expect(h.total).toBe(140);
    expect(h.rows[0].cells[3].text).toBe("5");
  });
  it("row mode: shares of each row sum to 1, an empty row is n/a, never 0%", () => {
    const h = prepareConfusionHeatmap(matrix, classes, "row");
    const sum = h.rows[0].cells.reduce((a, c) => a + (c.rowShare ?? 0), 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(h.rows[1].cells[0].text).toBe("25%");
    // A cell of a row with pixels, none of them there, reads like its neighbours.
    expect(h.rows[0].cells[2].text).toBe("0%");
    expect(h.rows[2].cells.every((c) => c.text === "n/a" && c.rowShare === null && c.background === "transparent")).toBe(true);
  });
  it("shades the diagonal blue and errors red, zero cells transparent; hover text names both axes", () => {
    const h = prepareConfusionHeatmap(matrix, classes, "counts");
    expect(h.rows[0].cells[0].background).toMatch(/^rgba\(47, 91, 211/);
    expect(h.rows[1].cells[0].background).toMatch(/^rgba\(214, 39, 40/);
    expect(h.rows[0].cells[2].background).toBe("transparent");
    expect(h.rows[1].cells[0].title).toBe("ground truth lesion → predicted background: 10 px (25.00% of the row)");
  });
  it("formats counts compactly", () => {
    expect([compactCount(999), compactCount(12345), compactCount(4_500_000)]).toEqual(["999", "12k", "4.5M"]);
  });
});
