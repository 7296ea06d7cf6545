import { describe, expect, it } from "vitest";
import { prepareClassDeltas } from "./class-deltas";
import { toDatasetBars } from "./dataset-bars";
import { prepareLeaderboard } from "./leaderboard";
import { formatDelta, formatScore, plural } from "./score-format";
import { initialThreshold, parseThreshold, THRESHOLD_RANGE, toThresholdCurve } from "./threshold-curve";

describe("formatScore / formatDelta / plural", () => {
  it("percent or 0-1 score, undefined as —", () => {
    expect(formatScore(0.9784)).toBe("97.8%");
    expect(formatScore(0.9784, "score")).toBe("0.978");
    expect(formatScore(null, "score")).toBe("—");
    expect(formatScore(NaN)).toBe("—");
    expect(formatDelta(-0.0123)).toBe("−1.2 pt");
    expect(formatDelta(0.0123, "score")).toBe("+0.012");
  });
  it("pluralises", () => {
    expect([plural(1, "model"), plural(2, "model"), plural(0, "image"), plural(1, "class", "classes")]).toEqual(["1 model", "2 models", "0 images", "1 class"]);
  });
});

describe("toThresholdCurve / parseThreshold", () => {
  it("orders by t, percent shares, n/a without pairs", () => {
    const c = toThresholdCurve([{ t: 0.9, correct: 1, total: 4 }, { t: 0.1, correct: 3, total: 4 }, { t: 0.5, correct: 0, total: 0 }]);
    expect(c.map((p) => p.t)).toEqual([0.1, 0.5, 0.9]);
    expect(c[0]).toEqual({ t: 0.1, share: 75, label: "75.0%" });
    expect(c[1]).toEqual({ t: 0.5, share: null, label: "n/a" });
    const unit = toThresholdCurve([{ t: 0.1, correct: 3, total: 4 }, { t: 0.5, correct: 0, total: 0 }], "score");
    expect(unit).toEqual([{ t: 0.1, share: 0.75, label: "0.750" }, { t: 0.5, share: null, label: "n/a" }]);
  });
  it("clamps and rounds user input", () => {
    expect([parseThreshold("0.5"), parseThreshold("0,333"), parseThreshold(2), parseThreshold(-1), parseThreshold("x"), parseThreshold("")]).toEqual([0.5, 0.33, 1, 0, null, null]);
  });
  it("reaches every threshold an evaluation may have (0..1), and starts at the evaluation's own", () => {
    expect(THRESHOLD_RANGE).toMatchObject({ min: 0, max: 1 });
    expect([parseThreshold(0.99), parseThreshold("0.99"), parseThreshold(0), parseThreshold(1), parseThreshold(0.02)]).toEqual([0.99, 0.99, 0, 1, 0.02]);
    expect([initialThreshold(0.99), initialThreshold(0.333), initialThreshold(0), initialThreshold(1), initialThreshold(NaN), initialThreshold(null)]).toEqual([0.99, 0.333, 0, 1, 0.5, 0.5]);
  });
});

describe("prepareLeaderboard", () => {
  const e = (id: string, v: number, ds: string, at: string, miou: number | null) => ({
    evaluationId: id, modelVersion: v, datasetVersionId: ds, datasetLabel: ds === "d1" ? "city-val v2" : "clinic v1", appName: "A", finishedAt: at, miou, low: null, high: null,
  });
  it("keeps the latest finished evaluation per pair, marks the best per dataset, missing pairs null", () => {
    const lb = prepareLeaderboard([e("old", 1, "d1", "2026-01-01", 0.9), e("new", 1, "d1", "2026-02-01", 0.5), e("x", 2, "d1", "2026-01-15", 0.6), e("y", 2, "d2", "2026-01-15", null)]);
    expect(lb.columns.map((c) => c.label)).toEqual(["city-val v2", "clinic v1"]);
    expect(lb.rows.map((r) => r.modelVersion)).toEqual([2, 1]);
    expect(lb.rows[1].cells[0]).toMatchObject({ evaluationId: "new", miou: 0.5, best: false });
    expect(lb.rows[0].cells[0]).toMatchObject({ evaluationId: "x", best: true });
    expect(lb.rows[0].cells[1]).toMatchObject({ miou: null, best: false });
    expect(lb.rows[1].cells[1]).toBeNull();
  });
  it("prefers an evaluation with classes matched by name; one with an edited mapping is marked and never best", () => {
    const custom = (id: string, v: number, at: string, miou: number) => ({ ...e(id, v, "d1", at, miou), customMapping: true });
    const lb = prepareLeaderboard([e("named", 1, "d1", "2026-01-01", 0.4), custom("mapped", 1, "2026-02-01", 0.9), custom("only", 2, "2026-02-01", 0.95)]);
    expect(lb.rows[1].cells[0]).toMatchObject({ evaluationId: "named", customMapping: false, best: true });
    expect(lb.rows[0].cells[0]).toMatchObject({ evaluationId: "only", customMapping: true, best: false });
  });
  it("marks a version evaluated on its own training data and never ranks it best", () => {
    const lb = prepareLeaderboard([{ ...e("train", 2, "d1", "2026-01-01", 0.95), trainedOn: true }, e("held-out", 1, "d1", "2026-01-01", 0.6)]);
    expect(lb.rows[0].cells[0]).toMatchObject({ evaluationId: "train", trainedOn: true, best: false });
    expect(lb.rows[1].cells[0]).toMatchObject({ evaluationId: "held-out", trainedOn: false, best: true });
  });
});

describe("prepareClassDeltas", () => {
  const row = (i: number, delta: number | null, low: number | null, high: number | null) => ({ classIndex: i, name: `c${i}`, color: [255, 255, 255] as const, mine: null, theirs: null, delta, low, high });
  it("sorts by delta with undefined last and gives verdicts", () => {
    const rows = [row(0, 0.1, 0.05, 0.2), row(1, null, null, null), row(2, -0.2, -0.3, -0.1), row(3, 0.01, -0.02, 0.03)];
    const asc = prepareClassDeltas(rows, "delta-asc");
    expect(asc.map((r) => r.classIndex)).toEqual([2, 3, 0, 1]);
    expect(asc.map((r) => r.verdict)).toEqual(["worse", "not distinguishable", "better", "n/a"]);
    expect(prepareClassDeltas(rows, "delta-desc").map((r) => r.classIndex)).toEqual([0, 3, 2, 1]);
    expect(asc[0].paint.stroke).not.toBeNull();
  });
  it("an exactly zero difference on every resample is \"identical\", as the version row says", () => {
    expect(prepareClassDeltas([row(0, 0, 0, 0), row(1, 0, -0.01, 0.01)], "index").map((r) => r.verdict)).toEqual(["identical", "not distinguishable"]);
  });
});

describe("toDatasetBars", () => {
  it("current first, then best mIoU, n/a last, error bars from the interval", () => {
    const bars = toDatasetBars([
      { evaluationId: "a", label: "A", miou: 0.5, low: 0.4, high: 0.6, current: false },
      { evaluationId: "b", label: "B", miou: null, low: null, high: null, current: false },
      { evaluationId: "c", label: "C", miou: 0.3, low: null, high: null, current: true },
      { evaluationId: "d", label: "D", miou: 0.7, low: 0.6, high: 0.75, current: false },
    ]);
    expect(bars.map((b) => b.label)).toEqual(["C", "D", "A", "B"]);
    expect(bars[2].error?.map((x) => Math.round(x * 100) / 100)).toEqual([10, 10]);
    expect(bars[3].text).toBe("n/a");
    expect(bars[0].error).toBeNull();
  });

  it("uses 0–1 values and labels in score mode", () => {
    const [d] = toDatasetBars([{ evaluationId: "d", label: "D", miou: 0.7, low: 0.6, high: 0.75, current: true }], "score");
    expect(d).toMatchObject({ miou: 0.7, text: "0.700", axisLabel: "D · 0.700" });
    expect(d.error?.map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0.1, 0.05]);
  });
});
