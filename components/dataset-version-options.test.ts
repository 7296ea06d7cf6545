import { describe, expect, it } from "vitest";
import { datasetVersionOptions } from "./dataset-version-options";

const groups = [
  {
    app: { id: "a1", name: "Street" },
    isCurrentApp: true,
    datasets: [
      {
        id: "d1",
        name: "city-val",
        versions: [
          { id: "v2", number: 2, sampleCount: 50, classNames: ["road", "car", "sky"], classColors: [] },
          { id: "v1", number: 1, sampleCount: 48, classNames: ["road", "car"], classColors: [] },
        ],
      },
    ],
  },
  { app: { id: "a2", name: "Fleet" }, isCurrentApp: false, datasets: [{ id: "d2", name: "fleet", versions: [{ id: "f1", number: 1, sampleCount: 1, classNames: ["road"], classColors: [] }] }] },
];

describe("datasetVersionOptions", () => {
  it("offers every version of each dataset, grouped by dataset, newest first", () => {
    expect(datasetVersionOptions(groups)).toEqual([
      {
        label: "city-val (Street)",
        options: [
          { id: "v2", label: "city-val v2 (50 samples) — latest", classNames: ["road", "car", "sky"], classColors: [] },
          { id: "v1", label: "city-val v1 (48 samples)", classNames: ["road", "car"], classColors: [] },
        ],
      },
      { label: "fleet (Fleet)", options: [{ id: "f1", label: "fleet v1 (1 sample) — latest", classNames: ["road"], classColors: [] }] },
    ]);
  });

  it("labels by class count for copying a version's classes", () => {
    expect(datasetVersionOptions(groups, "classes")[0].options.map((o) => o.label)).toEqual(["city-val v2 (3 classes) — latest", "city-val v1 (2 classes)"]);
  });
});
