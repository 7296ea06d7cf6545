import { describe, expect, it } from "vitest";
import { nextClassSort, sortClassRows } from "./class-table-sort";

const row = (classIndex: number, name: string, iou: number | null, tp = 0) => ({
  classIndex, name, iou, dice: iou, precision: iou, recall: iou, boundaryIou: iou, tp, fp: 0, fn: 0, imagesPresent: 0,
});
const rows = [row(0, "sky", 0.9, 50), row(1, "Building", null, 0), row(2, "road", 0.4, 70), row(3, "car", 0.4, 10)];
const names = (r: { name: string }[]) => r.map((x) => x.name);

describe("sortClassRows", () => {
  it("sorts a score ascending (worst first) with n/a last and ties in class order", () => {
    expect(names(sortClassRows(rows, { key: "iou", dir: "asc" }))).toEqual(["road", "car", "sky", "Building"]);
  });

  it("keeps n/a last when descending too", () => {
    expect(names(sortClassRows(rows, { key: "iou", dir: "desc" }))).toEqual(["sky", "road", "car", "Building"]);
  });

  it("sorts counts and names (case-insensitive), and returns to class order", () => {
    expect(names(sortClassRows(rows, { key: "tp", dir: "desc" }))).toEqual(["road", "sky", "car", "Building"]);
    expect(names(sortClassRows(rows, { key: "name", dir: "asc" }))).toEqual(["Building", "car", "road", "sky"]);
    expect(names(sortClassRows(sortClassRows(rows, { key: "name", dir: "asc" }), { key: "index", dir: "asc" }))).toEqual(["sky", "Building", "road", "car"]);
  });

  it("does not reorder its input", () => {
    const copy = [...rows];
    sortClassRows(rows, { key: "iou", dir: "asc" });
    expect(rows).toEqual(copy);
  });
});

describe("nextClassSort", () => {
  it("cycles a column ascending, descending, then class order", () => {
    const a = nextClassSort({ key: "index", dir: "asc" }, "iou");
    expect(a).toEqual({ key: "iou", dir: "asc" });
    const b = nextClassSort(a, "iou");
    expect(b).toEqual({ key: "iou", dir: "desc" });
    expect(nextClassSort(b, "iou")).toEqual({ key: "index", dir: "asc" });
    expect(nextClassSort(b, "tp")).toEqual({ key: "tp", dir: "asc" });
  });
  it("error counts (FP, FN pixels) start with the most, then the fewest, then class order", () => {
    const a = nextClassSort({ key: "iou", dir: "asc" }, "fp");
    expect(a).toEqual({ key: "fp", dir: "desc" });
    const b = nextClassSort(a, "fp");
    expect(b).toEqual({ key: "fp", dir: "asc" });
    expect(nextClassSort(b, "fp")).toEqual({ key: "index", dir: "asc" });
    expect(nextClassSort(b, "fn")).toEqual({ key: "fn", dir: "desc" });
  });
});
