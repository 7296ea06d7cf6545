import { describe, expect, it } from "vitest";
import { datasetChoice, describeMapping, isEditedMapping, latestPredictedNumber, mappingProblem, matchClassesByName, NO_COMMON_CLASS_REASON, NO_PREDICTIONS_REASON, versionToTest } from ".";

const model = [
  { index: 0, name: "Background" },
  { index: 1, name: "Road" },
  { index: 2, name: "truck" },
];
const dataset = [
  { index: 0, name: "road" },
  { index: 1, name: "background" },
  { index: 2, name: "sky" },
];

describe("class matching", () => {
  it("matches by name case-insensitively; model classes without a dataset class map to -1", () => {
    expect(matchClassesByName(model, dataset)).toEqual({ "0": 1, "1": 0, "2": -1 });
  });

  it("reports unmatched classes on both sides", () => {
    const r = describeMapping(model, dataset);
    expect(r.common).toBe(2);
    expect(r.unmatchedModel.map((c) => c.name)).toEqual(["truck"]);
    expect(r.unmatchedDataset.map((c) => c.name)).toEqual(["sky"]);
    expect(r.rows[2].dataset).toBeNull();
  });

  it("honours an edited mapping and refuses one that evaluates nothing or names unknown classes", () => {
    expect(describeMapping(model, dataset, { "0": -1, "1": 0, "2": 2 }).unmatchedDataset.map((c) => c.name)).toEqual(["background"]);
    expect(mappingProblem(model, dataset, { "0": -1, "1": -1, "2": -1 })).toMatch(/at least one/);
    expect(mappingProblem(model, dataset, { "7": 0 })).toMatch(/no class 7/);
    expect(mappingProblem(model, dataset, { "0": 9 })).toMatch(/no class 9/);
    expect(mappingProblem(model, dataset, { "0": 1 })).toBeNull();
  });
});

describe("dataset dropdown rules", () => {
  const ds = { id: "dv1", classNames: ["road", "background", "sky"] };
  it("shows the class overlap for onnx/http versions and disables datasets with none", () => {
    expect(datasetChoice({ runnerKind: "onnx", classNames: ["Road", "sky"], predictionsFor: [] }, ds)).toEqual({ enabled: true, detail: "2 of 3 classes" });
    expect(datasetChoice({ runnerKind: "http", classNames: ["lesion"], predictionsFor: [] }, ds)).toEqual({ enabled: false, reason: NO_COMMON_CLASS_REASON });
    const big = { ...ds, largestImage: { width: 480, height: 360 } };
    const fixed = { runnerKind: "onnx", classNames: ["road"], predictionsFor: [], largestImage: { width: 192, height: 144 } };
    expect(datasetChoice(fixed, big)).toEqual({ enabled: false, reason: `images larger than the model's 192x144 input (resize "none")` });
    expect(datasetChoice({ ...fixed, largestImage: { width: 480, height: 360 } }, big)).toEqual({ enabled: true, detail: "1 of 3 classes" });
    expect(datasetChoice({ ...fixed, largestImage: { width: 480, height: 359 } }, big).enabled).toBe(false);
    expect(datasetChoice(fixed, ds).enabled).toBe(true); // the dataset's sizes unknown: not refused here (the evaluation's check decides)
  });
  it("enables only the dataset versions a predictions version has predictions for", () => {
    expect(datasetChoice({ runnerKind: "predictions", classNames: ["road"], predictionsFor: ["dv1"] }, ds).enabled).toBe(true);
    expect(datasetChoice({ runnerKind: "predictions", classNames: ["road"], predictionsFor: ["dv2"] }, ds)).toEqual({ enabled: false, reason: NO_PREDICTIONS_REASON });
  });
  it("disables a dataset without any version", () => {
    expect(datasetChoice({ runnerKind: "onnx", classNames: ["road"], predictionsFor: [] }, null).enabled).toBe(false);
  });
  it("finds the newest dataset version a predictions version has predictions for", () => {
    const predictedVersions = [{ id: "a1", datasetId: "d1", number: 1 }, { id: "a3", datasetId: "d1", number: 3 }, { id: "b2", datasetId: "d2", number: 2 }];
    expect(latestPredictedNumber({ runnerKind: "predictions", classNames: [], predictionsFor: [], predictedVersions }, "d1")).toBe(3);
    expect(latestPredictedNumber({ runnerKind: "predictions", classNames: [], predictionsFor: [], predictedVersions }, "d3")).toBeNull();
    expect(latestPredictedNumber({ runnerKind: "onnx", classNames: [], predictionsFor: [], predictedVersions }, "d1")).toBeNull();
  });
  it("tests a predictions version on the version its predictions are for when the latest has none", () => {
    const predictedVersions = [{ id: "v1", datasetId: "d1", number: 1 }, { id: "x2", datasetId: "d2", number: 2 }];
    const older = { runnerKind: "predictions", classNames: [], predictionsFor: ["v1", "x2"], predictedVersions };
    const latest = { id: "v2", number: 2 };
    expect(versionToTest(older, "d1", latest)).toEqual({ id: "v1", number: 1 });
    expect(versionToTest({ ...older, predictionsFor: ["v1", "v2"] }, "d1", latest)).toEqual(latest);
    expect(versionToTest(older, "d3", latest)).toEqual(latest);
    expect(versionToTest({ runnerKind: "onnx", classNames: [], predictionsFor: [] }, "d1", latest)).toEqual(latest);
    expect(versionToTest(older, "d1", null)).toEqual({ id: "v1", number: 1 });
  });
});

describe("isEditedMapping", () => {
  const model = [{ index: 0, name: "Sky" }, { index: 1, name: "road" }, { index: 2, name: "boat" }];
  const dataset = [{ index: 0, name: "road" }, { index: 1, name: "sky" }];
  it("is false for no mapping and for the stored by-name match, true once a class is scored otherwise", () => {
    expect(isEditedMapping(undefined, model, dataset)).toBe(false);
    expect(isEditedMapping({ "0": 1, "1": 0, "2": -1 }, model, dataset)).toBe(false);
    expect(isEditedMapping({ "0": 1 }, model, dataset)).toBe(false);
    expect(isEditedMapping({ "0": -1, "1": 0, "2": -1 }, model, dataset)).toBe(true);
    expect(isEditedMapping({ "2": 0 }, model, dataset)).toBe(true);
  });
});
