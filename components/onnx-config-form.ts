import { onnxConfigSchema, type OnnxConfig } from "@/lib/contracts/onnx-config";

/** The preprocessing form's values: the selects as typed, the number fields as the text the user typed. */
export interface OnnxFormValues {
  layout: OnnxConfig["input"]["layout"];
  resize: OnnxConfig["input"]["resize"];
  channels: OnnxConfig["input"]["channels"];
  dtype: OnnxConfig["input"]["dtype"];
  outputKind: OnnxConfig["output"]["kind"];
  size: string;
  sizeMultiple: string;
  scale: string;
  mean: string;
  std: string;
  threshold: string;
}

export type OnnxTextField = "size" | "sizeMultiple" | "scale" | "mean" | "std" | "threshold";
export type OnnxFormErrors = Partial<Record<OnnxTextField, string>>;

/** Each text field's label (as the form shows it) and what it accepts. */
const FIELDS: Record<OnnxTextField, { label: string; expected: string }> = {
  size: { label: "Input size", expected: "height x width in whole pixels from 1 to 16384 (e.g. 512x512), or empty" },
  sizeMultiple: { label: "Size multiple", expected: "a whole number from 1 to 4096" },
  scale: { label: "Scale", expected: "a number greater than 0" },
  mean: { label: "Mean", expected: "three numbers (e.g. 0.485, 0.456, 0.406)" },
  std: { label: "Std", expected: "three numbers greater than 0 (e.g. 0.229, 0.224, 0.225)" },
  threshold: { label: "Threshold", expected: "a number from 0 to 1" },
};

/** The form's starting values for a config (the contract's defaults for `onnxConfigSchema.parse({})`). */
export function toOnnxFormValues(config: OnnxConfig): OnnxFormValues {
  const i = config.input;
  return {
    layout: i.layout,
    resize: i.resize,
    channels: i.channels,
    dtype: i.dtype,
    outputKind: config.output.kind,
    size: i.size ? `${i.size[0]}x${i.size[1]}` : "",
    sizeMultiple: String(i.sizeMultiple),
    scale: String(i.scale),
    mean: i.mean.join(", "),
    std: i.std.join(", "),
    threshold: String(config.output.threshold),
  };
}

/** A finite number from trimmed text, else NaN (so the contract rejects it). */
const numberOf = (text: string) => (text.trim() === "" ? NaN : Number(text.trim()));
const listOf = (text: string) => text.split(/[\s,]+/).filter(Boolean).map(numberOf);

/**
 * Turns the form's text into an onnx config checked by the contract
 * (`onnxConfigSchema`), or one message per unparsable or out-of-range field,
 * naming the field and the value — never a silent default. `message` joins
 * them for the form's alert. The threshold counts only for probability outputs.
 */
export function parseOnnxFormValues(v: OnnxFormValues): { ok: true; config: OnnxConfig } | { ok: false; fieldErrors: OnnxFormErrors; message: string } {
  const sizeText = v.size.trim();
  const sizeMatch = /^(\d+)\s*[x×,]\s*(\d+)$/.exec(sizeText);
  const candidate = {
    input: {
      layout: v.layout,
      size: sizeText === "" ? null : sizeMatch ? [Number(sizeMatch[1]), Number(sizeMatch[2])] : sizeText,
      sizeMultiple: numberOf(v.sizeMultiple),
      resize: v.resize,
      channels: v.channels,
      dtype: v.dtype,
      scale: numberOf(v.scale),
      mean: listOf(v.mean),
      std: listOf(v.std),
    },
    output: { kind: v.outputKind, ...(v.outputKind === "probability" ? { threshold: numberOf(v.threshold) } : {}) },
  };
  const parsed = onnxConfigSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, config: parsed.data };
  const fieldErrors: OnnxFormErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[1];
    if (typeof key !== "string" || !(key in FIELDS)) continue;
    const field = key as OnnxTextField;
    const { label, expected } = FIELDS[field];
    const text = v[field].trim();
    fieldErrors[field] ??= text === "" ? `${label} is required: ${expected}.` : `${label}: "${text}" is not ${expected}.`;
  }
  const messages = Object.values(fieldErrors);
  const first = parsed.error.issues[0];
  return { ok: false, fieldErrors, message: messages.length ? messages.join(" ") : `${first?.path.join(".")}: ${first?.message}` };
}
