import { issueLine } from "@/lib/core/errors";
import { onnxConfigSchema, type OnnxConfig } from "@/lib/contracts/onnx-config";

/** The preprocessing form's values: the selects as typed, the number fields as the text the user typed. */
export interface OnnxFormValues {
  layout: OnnxConfig["input"]["layout"];
  resize: OnnxConfig["input"]["resize"];
  channels: OnnxConfig["input"]["channels"];
  dtype: OnnxConfig["input"]["dtype"];
  outputKind: OnnxConfig["output"]["kind"];
  /** "" = as the input's layout (the config then has no output.layout). */
  outputLayout: "" | NonNullable<OnnxConfig["output"]["layout"]>;
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

/** A number as plain decimal text, so the form reads back what it shows: String() writes 1e-7 for 0.0000001. */
export function decimalText(n: number): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(String(n));
  if (!m) return String(n);
  const [, sign, lead, rest = "", exp] = m;
  const digits = lead + rest;
  const point = 1 + Number(exp); // digits before the decimal point
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  return point >= digits.length ? sign + digits + "0".repeat(point - digits.length) : `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The form's starting values for a config (the contract's defaults for `onnxConfigSchema.parse({})`). */
export function toOnnxFormValues(config: OnnxConfig): OnnxFormValues {
  const i = config.input;
  return {
    layout: i.layout,
    resize: i.resize,
    channels: i.channels,
    dtype: i.dtype,
    outputKind: config.output.kind,
    outputLayout: config.output.layout ?? "",
    size: i.size ? `${i.size[0]}x${i.size[1]}` : "",
    sizeMultiple: decimalText(i.sizeMultiple),
    scale: decimalText(i.scale),
    mean: i.mean.map(decimalText).join(", "),
    std: i.std.map(decimalText).join(", "),
    threshold: decimalText(config.output.threshold),
  };
}

/** A plain decimal number: optional sign, digits, optional fraction ("-1", "0.5", ".5", "32"); no hex, exponent or "Infinity". */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const tokensOf = (text: string) => text.split(/[\s,]+/).filter(Boolean);
/** The number in trimmed text when it is a plain decimal, else NaN (so the contract rejects it). */
const numberOf = (text: string) => (DECIMAL.test(text.trim()) ? Number(text.trim()) : NaN);
const listOf = (text: string) => tokensOf(text).map(numberOf);
/** A value of the field that Number() would read but that is not a plain decimal ("0x20", "1e1"), for a message that says why. */
const notDecimalIn = (text: string) => tokensOf(text).find((t) => !DECIMAL.test(t) && Number.isFinite(Number(t)));

/**
 * Turns the form's text into an onnx config checked by the contract
 * (`onnxConfigSchema`), or one message per unparsable or out-of-range field,
 * naming the field and the value — never a silent default. Numbers are plain
 * decimals only: "0x20" or "1e1" is refused, not read as 32 or 10. `message` joins
 * them for the form's alert. The threshold counts only for probability
 * outputs, the output's own layout only for scores.
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
    output: {
      kind: v.outputKind,
      ...(v.outputKind === "probability" ? { threshold: numberOf(v.threshold) } : {}),
      ...(v.outputKind === "scores" && v.outputLayout ? { layout: v.outputLayout } : {}),
    },
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
    const notDecimal = field === "size" ? undefined : notDecimalIn(text);
    const problem =
      notDecimal === undefined ? `"${text}" is not ${expected}` : `"${notDecimal}" is not a plain decimal number (digits with an optional sign and fraction, e.g. -1 or 0.5; no hex or exponent)`;
    fieldErrors[field] ??= text === "" ? `${label} is required: ${expected}.` : `${label}: ${problem}.`;
  }
  const messages = Object.values(fieldErrors);
  const first = parsed.error.issues[0];
  return { ok: false, fieldErrors, message: messages.length ? messages.join(" ") : first ? issueLine(first) : "The preprocessing is not valid." };
}

/** The form's values for the contract's defaults (ImageNet mean and std, no fixed size). */
export const DEFAULT_ONNX_FORM_VALUES: OnnxFormValues = toOnnxFormValues(onnxConfigSchema.parse({}));

const isFixed = (d: number | string | undefined): d is number => typeof d === "number" && d > 0;

/**
 * The fixed height x width of a model's image input under `layout`, or null
 * when the model has not exactly one rank-4 input, either spatial dim is
 * dynamic, or the channel dim is not where the layout puts it (a fixed 3 or
 * dynamic): then the size cannot be read from the signature.
 */
export function fixedInputSize(signature: { inputs: readonly { dims: readonly (number | string)[] }[] }, layout: OnnxFormValues["layout"]): [number, number] | null {
  if (signature.inputs.length !== 1) return null;
  const dims = signature.inputs[0].dims;
  if (dims.length !== 4) return null;
  const [c, h, w] = layout === "nchw" ? [dims[1], dims[2], dims[3]] : [dims[3], dims[1], dims[2]];
  if (isFixed(c) && c !== 3) return null;
  return isFixed(h) && isFixed(w) ? [h, w] : null;
}

/**
 * The size field once a model's signature is read: the input's fixed
 * "HxW" (or "" for dynamic dims), unless the user typed a size — theirs is
 * never replaced. A size filled in for an earlier file follows the new one.
 */
export function prefilledSize(values: OnnxFormValues, sizeTyped: boolean, signature: Parameters<typeof fixedInputSize>[0]): string {
  if (sizeTyped) return values.size;
  const size = fixedInputSize(signature, values.layout);
  return size ? `${size[0]}x${size[1]}` : "";
}

/**
 * What the form's alert says when the preprocessing stops a submit: the
 * fields' own messages already show under each field, so the alert names
 * the fields instead of repeating them (the whole message when no field is named).
 */
export function preprocessingAlert(fieldErrors: OnnxFormErrors, message: string): string {
  const fields = (Object.keys(fieldErrors) as OnnxTextField[]).filter((f) => fieldErrors[f]);
  if (fields.length === 0) return message;
  return `Fix the preprocessing: ${fields.map((f) => FIELDS[f].label).join(", ")} (see the message under ${fields.length === 1 ? "the field" : "each field"}).`;
}
