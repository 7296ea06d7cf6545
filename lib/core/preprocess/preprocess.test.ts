import { describe, expect, it } from "vitest";
import { planInput, scoresLayoutByShape, toInputTensor, toLabelMap, OUT_OF_RANGE_LABEL, type InputSpec, type InputPlan } from "./index";

const raw: InputSpec = {
  layout: "nchw",
  size: null,
  sizeMultiple: 1,
  resize: "none",
  channels: "rgb",
  dtype: "float32",
  scale: 1,
  mean: [0, 0, 0],
  std: [1, 1, 1],
};
const identity = (w: number, h: number): InputPlan => ({
  tensorWidth: w, tensorHeight: h, contentX: 0, contentY: 0, contentWidth: w, contentHeight: h,
});
const rgb = (w: number, h: number, px: number[]) => ({ data: Uint8Array.from(px), width: w, height: h, channels: 3 as const });

describe("planInput", () => {
  it("pads to the next multiple with resize none (top-left) and letterbox (centred)", () => {
    expect(planInput({ size: null, sizeMultiple: 32, resize: "none" }, 100, 50)).toEqual({
      tensorWidth: 128, tensorHeight: 64, contentX: 0, contentY: 0, contentWidth: 100, contentHeight: 50,
    });
    expect(planInput({ size: null, sizeMultiple: 32, resize: "letterbox" }, 100, 50)).toEqual({
      tensorWidth: 128, tensorHeight: 64, contentX: 14, contentY: 7, contentWidth: 100, contentHeight: 50,
    });
  });
  it("stretches to the nearest multiple, at least one", () => {
    expect(planInput({ size: null, sizeMultiple: 32, resize: "stretch" }, 100, 10)).toEqual(identity(96, 32));
  });
  it("letterboxes into a fixed size keeping the aspect ratio", () => {
    expect(planInput({ size: [64, 64], sizeMultiple: 32, resize: "letterbox" }, 100, 50)).toEqual({
      tensorWidth: 64, tensorHeight: 64, contentX: 0, contentY: 16, contentWidth: 64, contentHeight: 32,
    });
  });
  it("refuses an image larger than a fixed size with resize none", () => {
    expect(() => planInput({ size: [4, 4], sizeMultiple: 1, resize: "none" }, 5, 3)).toThrow(/5x3.*4x4.*"none"/);
  });
});

describe("toInputTensor", () => {
  const img = rgb(2, 1, [10, 20, 30, 50, 60, 70]);
  it("stretches bilinearly with half-pixel centres (NCHW float)", () => {
    const t = toInputTensor(img, { ...raw, size: [1, 4], resize: "stretch" }, identity(4, 1));
    expect(t.dims).toEqual([1, 3, 1, 4]);
    // x -> source (x + 0.5) * 0.5 - 0.5 = -0.25|0.25|0.75|1.25, clamped to 0..1
    expect(Array.from(t.data)).toEqual([10, 20, 40, 50, 20, 30, 50, 60, 30, 40, 60, 70]);
  });
  it("writes BGR NHWC uint8, rounding half up", () => {
    const t = toInputTensor(rgb(2, 1, [10, 20, 30, 51, 61, 71]), { ...raw, layout: "nhwc", dtype: "uint8", channels: "bgr" }, identity(4, 1));
    expect(t.type).toBe("uint8");
    // channel R: 10, 20.25, 40.75, 51 -> 10, 20, 41, 51
    // R 10, 20.25, 40.75, 51; G 20, 30.25, 50.75, 61; B 30, 40.25, 60.75, 71; pixels as [B, G, R]
    expect(Array.from(t.data)).toEqual([30, 20, 10, 40, 30, 20, 61, 51, 41, 71, 61, 51]);
  });
  it("normalises with scale, mean and std per tensor channel", () => {
    const t = toInputTensor(rgb(1, 1, [255, 0, 128]), { ...raw, scale: 1 / 255, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }, identity(1, 1));
    expect(t.data[0]).toBeCloseTo((1 - 0.485) / 0.229, 5);
    expect(t.data[1]).toBeCloseTo((0 - 0.456) / 0.224, 5);
    expect(t.data[2]).toBeCloseTo((128 / 255 - 0.406) / 0.225, 5);
    const bgr = toInputTensor(rgb(1, 1, [255, 0, 128]), { ...raw, channels: "bgr", mean: [1, 2, 3] }, identity(1, 1));
    expect(Array.from(bgr.data)).toEqual([128 - 1, 0 - 2, 255 - 3]);
  });
  it("letterboxes: zero padding above and below, image centred", () => {
    const spec: InputSpec = { ...raw, size: [4, 4], resize: "letterbox" };
    const plan = planInput(spec, 2, 1);
    expect(plan).toMatchObject({ contentY: 1, contentHeight: 2, contentWidth: 4 });
    const t = toInputTensor(img, spec, plan);
    const red = Array.from(t.data.subarray(0, 16));
    expect(red).toEqual([0, 0, 0, 0, 10, 20, 40, 50, 10, 20, 40, 50, 0, 0, 0, 0]);
  });
  it("downscales 2x by averaging 2x2 blocks and ignores alpha", () => {
    const px: number[] = [];
    for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) px.push(y * 4 + x, 0, 0, 255);
    const t = toInputTensor({ data: Uint8Array.from(px), width: 4, height: 4, channels: 4 }, { ...raw, size: [2, 2], resize: "stretch" }, identity(2, 2));
    // block means of 0 1 4 5 | 2 3 6 7 | 8 9 12 13 | 10 11 14 15
    expect(Array.from(t.data.subarray(0, 4))).toEqual([2.5, 4.5, 10.5, 12.5]);
  });
  it("pads to a multiple without resizing (resize none)", () => {
    const spec: InputSpec = { ...raw, sizeMultiple: 4, resize: "none" };
    const t = toInputTensor(img, spec, planInput(spec, 2, 1));
    expect(t.dims).toEqual([1, 3, 4, 4]);
    expect(Array.from(t.data.subarray(0, 4))).toEqual([10, 50, 0, 0]);
    expect(t.data.subarray(4, 16).every((v) => v === 0)).toBe(true);
  });
});

describe("toLabelMap", () => {
  it("reads int64 ids and scales them up with nearest neighbour", () => {
    const out = { data: BigInt64Array.from([1n, 2n, 3n, 4n]), dims: [1, 2, 2] };
    const m = toLabelMap(out, { kind: "ids", threshold: 0.5 }, "nchw", identity(2, 2), 4, 4);
    expect(m.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(m.data)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });
  it("turns negative or non-integer ids into the out-of-range label (16-bit)", () => {
    const m = toLabelMap({ data: Float32Array.from([-1, 2.5, 300]), dims: [1, 1, 3] }, { kind: "ids", threshold: 0.5 }, "nchw", identity(3, 1), 3, 1);
    expect(m.data).toBeInstanceOf(Uint16Array);
    expect(Array.from(m.data)).toEqual([OUT_OF_RANGE_LABEL, OUT_OF_RANGE_LABEL, 300]);
  });
  it("argmaxes NCHW and NHWC scores; the first maximum wins", () => {
    const nchw = Float32Array.from([1, 5, 3, 2, 3, 9]); // c0=[1,5] c1=[3,2] c2=[3,9]
    const a = toLabelMap({ data: nchw, dims: [1, 3, 1, 2] }, { kind: "scores", threshold: 0.5 }, "nchw", identity(2, 1), 2, 1);
    expect(Array.from(a.data)).toEqual([1, 2]);
    const nhwc = Float32Array.from([1, 3, 3, 5, 2, 9]);
    const b = toLabelMap({ data: nhwc, dims: [1, 1, 2, 3] }, { kind: "scores", threshold: 0.5 }, "nhwc", identity(2, 1), 2, 1);
    expect(Array.from(b.data)).toEqual([1, 2]);
  });
  it("with a class count, refuses scores with another number of channels (a symbolic channel axis is only known at run time)", () => {
    const nchw = Float32Array.from([1, 5, 3, 2, 3, 9]);
    const run = (classCount?: number) => toLabelMap({ data: nchw, dims: [1, 3, 1, 2] }, { kind: "scores", threshold: 0.5 }, "nchw", identity(2, 1), 2, 1, classCount);
    expect(() => run(2)).toThrow(/3 score channels but the model version declares 2 classes/);
    expect(() => run(4)).toThrow(/3 score channels but the model version declares 4 classes/);
    expect(Array.from(run(3).data)).toEqual([1, 2]);
    expect(Array.from(run().data)).toEqual([1, 2]);
    // ids and probability carry no channel per class: the count is not theirs to check.
    const ids = toLabelMap({ data: Int32Array.from([0, 1]), dims: [1, 1, 2] }, { kind: "ids", threshold: 0.5 }, "nchw", identity(2, 1), 2, 1, 7);
    expect(Array.from(ids.data)).toEqual([0, 1]);
  });
  it("thresholds a probability map (value >= threshold is class 1), either layout", () => {
    const data = Float32Array.from([0.2, 0.5, 0.7]);
    for (const [dims, layout] of [[[1, 1, 1, 3], "nchw"], [[1, 1, 3, 1], "nhwc"], [[1, 1, 3], "nhwc"]] as const) {
      const m = toLabelMap({ data, dims }, { kind: "probability", threshold: 0.5 }, layout, identity(3, 1), 3, 1);
      expect(Array.from(m.data)).toEqual([0, 1, 1]);
    }
  });
  it("crops the letterbox padding off before resizing back", () => {
    const plan: InputPlan = { tensorWidth: 4, tensorHeight: 4, contentX: 0, contentY: 1, contentWidth: 4, contentHeight: 2 };
    const ids = Int32Array.from([9, 9, 9, 9, 0, 1, 2, 3, 4, 5, 6, 7, 9, 9, 9, 9]);
    const m = toLabelMap({ data: ids, dims: [1, 4, 4] }, { kind: "ids", threshold: 0.5 }, "nchw", plan, 2, 1);
    // gt x -> tensor (x + 0.5) * 2 = 1, 3; gt y -> 1 + 0.5 * 2 = 2 -> row 2
    expect(Array.from(m.data)).toEqual([5, 7]);
  });
  it("maps a stride-4 output proportionally", () => {
    const m = toLabelMap({ data: Uint8Array.from([1, 2, 3, 4]), dims: [1, 1, 2, 2] }, { kind: "ids", threshold: 0.5 }, "nchw", identity(8, 8), 8, 8);
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) expect(m.data[y * 8 + x]).toBe(1 + (y >> 2) * 2 + (x >> 2));
  });
  it("refuses outputs whose shape does not fit", () => {
    const spec = { kind: "scores" as const, threshold: 0.5 };
    expect(() => toLabelMap({ data: new Float32Array(5), dims: [1, 2, 1, 2] }, spec, "nchw", identity(2, 1), 2, 1)).toThrow(/5 values.*needs 4/);
    expect(() => toLabelMap({ data: new Float32Array(8), dims: [2, 2, 1, 2] }, spec, "nchw", identity(2, 1), 2, 1)).toThrow(/batch size must be 1/);
    expect(() => toLabelMap({ data: new Float32Array(2), dims: [1, 1, 1, 2] }, spec, "nchw", identity(2, 1), 2, 1)).toThrow(/use "probability"/);
  });
});

describe("scoresLayoutByShape", () => {
  const size = { height: 48, width: 64 };
  it("puts the channels where the input tensor's spatial dims are not, with or without the batch", () => {
    expect(scoresLayoutByShape([1, 11, 48, 64], "nhwc", size)).toBe("nchw");
    expect(scoresLayoutByShape([1, 48, 64, 11], "nchw", size)).toBe("nhwc");
    expect(scoresLayoutByShape([48, 64, 11], "nchw", size)).toBe("nhwc");
  });
  it("for an output smaller than the input (a stride), or unknown dims, goes by the class count", () => {
    expect(scoresLayoutByShape([1, 11, 12, 16], "nhwc", size, 11)).toBe("nchw");
    expect(scoresLayoutByShape([1, 12, 16, 11], "nchw", size, 11)).toBe("nhwc");
    expect(scoresLayoutByShape([1, -1, -1, 11], "nchw", { height: NaN, width: NaN }, 11)).toBe("nhwc");
  });
  it("keeps the fallback when nothing tells (both or neither fit)", () => {
    expect(scoresLayoutByShape([1, 11, 12, 16], "nhwc", size)).toBe("nhwc");
    expect(scoresLayoutByShape([1, 4, 4, 4], "nchw", { height: 4, width: 4 }, 4)).toBe("nchw");
    expect(scoresLayoutByShape([1, -1, -1, -1], "nhwc", { height: NaN, width: NaN }, 3)).toBe("nhwc");
    expect(scoresLayoutByShape([1, 2], "nchw", size)).toBe("nchw");
  });
});
