import { describe, expect, it } from "vitest";
import { onnxConfigSchema } from "@/lib/contracts/onnx-config";
import { parseOnnxFormValues, toOnnxFormValues, type OnnxFormValues } from "./onnx-config-form";

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
