"use client";

import { useId, type ChangeEvent } from "react";
import { DEFAULT_ONNX_FORM_VALUES, type OnnxFormErrors, type OnnxFormValues, type OnnxTextField } from "./onnx-config-form";

/**
 * The preprocessing form: one field per key of the onnx config contract
 * (lib/contracts/onnx-config.ts). Number fields keep the typed text; the
 * parent turns it into a config with `parseOnnxFormValues` and passes back
 * the per-field errors to show. Mean and std say when they hold the
 * contract's ImageNet defaults, so nobody keeps them by accident.
 */
export function OnnxConfigFields({ value, onChange, errors = {} }: { value: OnnxFormValues; onChange: (v: OnnxFormValues) => void; errors?: OnnxFormErrors }) {
  const id = useId();
  const set = (patch: Partial<OnnxFormValues>) => onChange({ ...value, ...patch });
  /** Props of a text field: its value, its error (described and flagged invalid). */
  const isDefault = (field: "mean" | "std") => value[field].trim() === DEFAULT_ONNX_FORM_VALUES[field];
  const text = (field: OnnxTextField) => ({
    value: value[field],
    onChange: (e: ChangeEvent<HTMLInputElement>) => set({ [field]: e.target.value }),
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": [errors[field] ? `${id}-${field}-error` : "", (field === "mean" || field === "std") && isDefault(field) ? `${id}-${field}-default` : ""].filter(Boolean).join(" ") || undefined,
  });
  const defaultNote = (field: "mean" | "std") =>
    isDefault(field) ? (
      <span id={`${id}-${field}-default`} className="muted">
        ImageNet default{field === "mean" ? " — change mean and std to what the model was trained with" : ""}
      </span>
    ) : null;
  const error = (field: OnnxTextField) =>
    errors[field] ? (
      <span id={`${id}-${field}-error`} className="error">
        {errors[field]}
      </span>
    ) : null;
  return (
    <fieldset className="form">
      <legend>Preprocessing</legend>
      <label>
        Layout{" "}
        <select value={value.layout} onChange={(e) => set({ layout: e.target.value as OnnxFormValues["layout"] })}>
          <option value="nchw">NCHW</option>
          <option value="nhwc">NHWC</option>
        </select>
      </label>
      <label>
        Input size (height x width, empty = the image&apos;s own; filled in when the model fixes it) <input placeholder="e.g. 512x512" {...text("size")} />
      </label>
      {error("size")}
      <label>
        Size multiple <input type="number" min={1} {...text("sizeMultiple")} />
      </label>
      {error("sizeMultiple")}
      <label>
        Resize{" "}
        <select value={value.resize} onChange={(e) => set({ resize: e.target.value as OnnxFormValues["resize"] })}>
          <option value="stretch">stretch</option>
          <option value="letterbox">letterbox</option>
          <option value="none">none (pad)</option>
        </select>
      </label>
      <label>
        Channels{" "}
        <select value={value.channels} onChange={(e) => set({ channels: e.target.value as OnnxFormValues["channels"] })}>
          <option value="rgb">RGB</option>
          <option value="bgr">BGR</option>
        </select>
      </label>
      <label>
        Input type{" "}
        <select value={value.dtype} onChange={(e) => set({ dtype: e.target.value as OnnxFormValues["dtype"] })}>
          <option value="float32">float32</option>
          <option value="uint8">uint8</option>
        </select>
      </label>
      <label>
        Scale <input {...text("scale")} />
      </label>
      {error("scale")}
      <label>
        Mean <input {...text("mean")} />
      </label>
      {defaultNote("mean")}
      {error("mean")}
      <label>
        Std <input {...text("std")} />
      </label>
      {defaultNote("std")}
      {error("std")}
      <label>
        Output{" "}
        <select value={value.outputKind} onChange={(e) => set({ outputKind: e.target.value as OnnxFormValues["outputKind"] })}>
          <option value="scores">scores (one channel per class, argmax)</option>
          <option value="ids">ids (class-id map)</option>
          <option value="probability">probability (one channel, threshold)</option>
        </select>
      </label>
      {value.outputKind === "scores" ? (
        <label>
          Score channels at{" "}
          <select value={value.outputLayout} onChange={(e) => set({ outputLayout: e.target.value as OnnxFormValues["outputLayout"] })}>
            <option value="">as the input&apos;s layout</option>
            <option value="nchw">NCHW: [1, C, H, W]</option>
            <option value="nhwc">NHWC: [1, H, W, C]</option>
          </select>
        </label>
      ) : null}
      {value.outputKind === "probability" ? (
        <>
          <label>
            Threshold <input {...text("threshold")} />
          </label>
          {error("threshold")}
        </>
      ) : null}
    </fieldset>
  );
}
