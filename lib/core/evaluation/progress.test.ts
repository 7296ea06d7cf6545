import { describe, expect, it } from "vitest";
import { describeProgress } from "./progress";

describe("describeProgress", () => {
  it("derives percent, rate and time left from the server's clock", () => {
    const view = describeProgress({ progressDone: 30, progressTotal: 120, startedAt: "2026-01-01T00:00:00Z", serverTime: "2026-01-01T00:00:10Z" });
    expect(view.percent).toBe(25);
    expect(view.rate).toBe(3);
    expect(view.secondsLeft).toBe(30);
  });

  it("says unknown (null), not 0, before the first image or the start", () => {
    expect(describeProgress({ progressDone: 0, progressTotal: 10, startedAt: null, serverTime: "2026-01-01T00:00:10Z" })).toEqual({ percent: 0, rate: null, secondsLeft: null });
    expect(describeProgress({ progressDone: 0, progressTotal: 10, startedAt: "2026-01-01T00:00:00Z", serverTime: "2026-01-01T00:00:10Z" }).rate).toBeNull();
  });

  it("counts only images done in the current attempt for the rate of a resumed run", () => {
    const view = describeProgress({ progressDone: 60, progressTotal: 100, startedAt: "2026-01-01T00:00:00Z", serverTime: "2026-01-01T00:00:05Z", doneAtStart: 50 });
    expect(view.rate).toBe(2);
    expect(view.secondsLeft).toBe(20);
    expect(view.percent).toBe(60);
  });

  it("handles an empty dataset", () => {
    expect(describeProgress({ progressDone: 0, progressTotal: 0, startedAt: null, serverTime: "2026-01-01T00:00:00Z" }).percent).toBe(0);
  });
});
