import { describe, expect, it } from "vitest";
import { onnxConfigSchema } from "@/lib/contracts/onnx-config";
import { DEFAULT_ONNX_FORM_VALUES, decimalText, fixedInputSize, parseOnnxFormValues, prefilledSize, preprocessingAlert, toOnnxFormValues, type OnnxFormValues } from "./onnx-config-form";

const defaults = toOnnxFormValues(onnxConfigSchema.parse({}));
const parse = (patch: Partial<OnnxFormValues>) => parseOnnxFormValues({ ...defaults, ...patch });

describe("parseOnnxFormValues", () => {
  it("round-trips the defaults", () => {
    expect(parse({})).toEqual({ ok: true, config: onnxConfigSchema.parse({}) });
  });

  it("parses typed values into the config", () => {
    const r = parse({ size: "144 x 192", sizeMultiple: "16", scale: "1", mean: "0 0 0", std: "1, 1, 1", outputKind: "probability", threshold: "0.3" });
    expect(r.ok && r.config).toMatchObject({ input: { size: [144, 192], sizeMultiple: 16, scale: 1, mean: [0, 0, 0], std: [1, 1, 1] }, output: { kind: "probability", threshold: 0.3 } });
    expect(parse({ size: "  " })).toMatchObject({ ok: true, config: { input: { size: null } } });
  });

  it.each([
    ["scale", "x", /^Scale: "x" is not a number greater than 0/],
    ["scale", "0", /^Scale: "0"/],
    ["scale", "", /^Scale is required/],
    ["sizeMultiple", "0", /^Size multiple: "0" is not a whole number from 1 to 4096/],
    ["sizeMultiple", "2.5", /^Size multiple: "2.5"/],
    ["size", "abc", /^Input size: "abc" is not height x width/],
    ["size", "144x192x3", /^Input size: "144x192x3"/],
    ["size", "0x512", /^Input size: "0x512"/],
    ["mean", "0.5, 0.5", /^Mean: "0.5, 0.5" is not three numbers/],
    ["std", "1, 0, 1", /^Std: "1, 0, 1" is not three numbers greater than 0/],
  ] as const)("rejects %s = %j with a message naming the field", (field, text, message) => {
    const r = parse({ [field]: text });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors)).toEqual([field]);
    expect(r.fieldErrors[field]).toMatch(message);
    expect(r.message).toMatch(message);
  });

  it("accepts plain decimals: sign, digits, optional fraction, surrounding spaces", () => {
    const r = parse({ sizeMultiple: " 32 ", scale: "0.00392156862745098", mean: "-1, .5, +0.25", std: "1., 2, 3.0", outputKind: "probability", threshold: "0" });
    expect(r.ok && r.config).toMatchObject({ input: { sizeMultiple: 32, scale: 0.00392156862745098, mean: [-1, 0.5, 0.25], std: [1, 2, 3] }, output: { threshold: 0 } });
  });

  it.each([
    ["sizeMultiple", "0x20", "0x20"],
    ["sizeMultiple", "1e1", "1e1"],
    ["scale", "1e-3", "1e-3"],
    ["scale", "0b11", "0b11"],
    ["mean", "0.5, 0x1, 0.2", "0x1"],
    ["std", "1, 1, 1E0", "1E0"],
    ["threshold", "5e-1", "5e-1"],
  ] as const)("refuses %s = %j (hex or exponent form) naming the value, in that field only", (field, text, value) => {
    const r = parse({ outputKind: "probability", [field]: text });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.fieldErrors)).toEqual([field]);
    expect(r.fieldErrors[field]).toMatch(new RegExp(`^[A-Z][a-z ]+: "${value}" is not a plain decimal number`));
    expect(r.message).toBe(r.fieldErrors[field]);
  });

  it("shows numbers as plain decimals, so a config's own values read back", () => {
    expect([1e-7, -1.5e-7, 2.5e21, 1 / 255, 0.5, 32, -1].map(decimalText)).toEqual(["0.0000001", "-0.00000015", "2500000000000000000000", "0.00392156862745098", "0.5", "32", "-1"]);
    const config = onnxConfigSchema.parse({ input: { scale: 1e-7, mean: [1e-7, 0, 0] } });
    expect(parseOnnxFormValues(toOnnxFormValues(config))).toEqual({ ok: true, config });
  });

  it("the score channels' own layout: kept for scores, left out for the other kinds and when it is the input's", () => {
    expect(parse({ outputLayout: "nhwc" })).toMatchObject({ ok: true, config: { input: { layout: "nchw" }, output: { kind: "scores", layout: "nhwc" } } });
    const asInput = parse({});
    expect(asInput.ok && "layout" in asInput.config.output).toBe(false);
    const ids = parse({ outputKind: "ids", outputLayout: "nhwc" });
    expect(ids.ok && "layout" in ids.config.output).toBe(false);
    const config = onnxConfigSchema.parse({ output: { layout: "nhwc" } });
    expect(toOnnxFormValues(config).outputLayout).toBe("nhwc");
    expect(parseOnnxFormValues(toOnnxFormValues(config))).toEqual({ ok: true, config });
  });

  it("reports every bad field at once", () => {
    const r = parse({ scale: "x", sizeMultiple: "0", size: "abc" });
    expect(r.ok ? [] : Object.keys(r.fieldErrors).sort()).toEqual(["scale", "size", "sizeMultiple"]);
  });

  it("checks the threshold only for probability outputs", () => {
    expect(parse({ threshold: "2" }).ok).toBe(true);
    const r = parse({ outputKind: "probability", threshold: "2" });
    expect(r.ok ? null : r.fieldErrors.threshold).toMatch(/^Threshold: "2" is not a number from 0 to 1/);
  });
});

describe("the input size from a model's signature", () => {
  const sig = (dims: (number | string)[]) => ({ inputs: [{ dims }] });

  it("reads a fixed H x W where the layout puts it, and nothing from dynamic dims or a misplaced channel dim", () => {
    expect(fixedInputSize(sig([1, 3, 144, 192]), "nchw")).toEqual([144, 192]);
    expect(fixedInputSize(sig([1, 144, 192, 3]), "nhwc")).toEqual([144, 192]);
    expect(fixedInputSize(sig([1, 3, "H", "W"]), "nchw")).toBeNull();
    expect(fixedInputSize(sig([1, 3, 144, "W"]), "nchw")).toBeNull();
    expect(fixedInputSize(sig([1, 144, 192, 3]), "nchw")).toBeNull();
    expect(fixedInputSize({ inputs: [] }, "nchw")).toBeNull();
  });

  it("prefills the size field unless the user typed one; a size filled for an earlier file follows the new one", () => {
    const defaults = DEFAULT_ONNX_FORM_VALUES;
    expect(defaults.size).toBe("");
    expect(prefilledSize(defaults, false, sig([1, 3, 144, 192]))).toBe("144x192");
    expect(prefilledSize({ ...defaults, size: "144x192" }, false, sig([1, 3, "H", "W"]))).toBe("");
    expect(prefilledSize({ ...defaults, size: "512x512" }, true, sig([1, 3, 144, 192]))).toBe("512x512");
    expect(prefilledSize({ ...defaults, size: "" }, true, sig([1, 3, 144, 192]))).toBe("");
    // the prefilled text is what the form parses into the config's size
    const r = parseOnnxFormValues({ ...defaults, size: prefilledSize(defaults, false, sig([1, 3, 144, 192])) });
    expect(r.ok && r.config.input.size).toEqual([144, 192]);
  });

  it("the alert names the fields instead of repeating the messages shown under them", () => {
    const r = parseOnnxFormValues({ ...DEFAULT_ONNX_FORM_VALUES, mean: "a, b", std: "0, 1, 1" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const alert = preprocessingAlert(r.fieldErrors, r.message);
    expect(alert).toBe("Fix the preprocessing: Mean, Std (see the message under each field).");
    for (const shown of Object.values(r.fieldErrors)) expect(alert).not.toContain(shown);
    expect(preprocessingAlert({}, "input.size: bad")).toBe("input.size: bad");
  });
});
