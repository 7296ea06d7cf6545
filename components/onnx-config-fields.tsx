"use client";

import type { OnnxConfig } from "@/lib/contracts/onnx-config";

/** The preprocessing form: one field per key of the onnx config contract (lib/contracts/onnx-config.ts). */
export function OnnxConfigFields({ value, onChange }: { value: OnnxConfig; onChange: (c: OnnxConfig) => void }) {
  const input = (patch: Partial<OnnxConfig["input"]>) => onChange({ ...value, input: { ...value.input, ...patch } });
  const triple = (text: string) => text.split(/[\s,]+/).filter(Boolean).map(Number) as [number, number, number];
  const i = value.input;
  return (
    <fieldset className="form">
      <legend>Preprocessing</legend>
      <label>
        Layout{" "}
        <select value={i.layout} onChange={(e) => input({ layout: e.target.value as "nchw" })}>
          <option value="nchw">NCHW</option>
          <option value="nhwc">NHWC</option>
        </select>
      </label>
      <label>
        Input size (height x width, empty = the image&apos;s own){" "}
        <input
          value={i.size ? `${i.size[0]}x${i.size[1]}` : ""}
          placeholder="e.g. 512x512"
          onChange={(e) => {
            const m = /^(\d+)\s*[x×,]\s*(\d+)$/.exec(e.target.value.trim());
            input({ size: m ? [Number(m[1]), Number(m[2])] : null });
          }}
        />
      </label>
      <label>
        Size multiple <input type="number" min={1} value={i.sizeMultiple} onChange={(e) => input({ sizeMultiple: Number(e.target.value) || 1 })} />
      </label>
      <label>
        Resize{" "}
        <select value={i.resize} onChange={(e) => input({ resize: e.target.value as "stretch" })}>
          <option value="stretch">stretch</option>
          <option value="letterbox">letterbox</option>
          <option value="none">none (pad)</option>
        </select>
      </label>
      <label>
        Channels{" "}
        <select value={i.channels} onChange={(e) => input({ channels: e.target.value as "rgb" })}>
          <option value="rgb">RGB</option>
          <option value="bgr">BGR</option>
        </select>
      </label>
      <label>
        Input type{" "}
        <select value={i.dtype} onChange={(e) => input({ dtype: e.target.value as "float32" })}>
          <option value="float32">float32</option>
          <option value="uint8">uint8</option>
        </select>
      </label>
      <label>
        Scale <input value={String(i.scale)} onChange={(e) => input({ scale: Number(e.target.value) || i.scale })} />
      </label>
      <label>
        Mean <input defaultValue={i.mean.join(", ")} onBlur={(e) => input({ mean: triple(e.target.value) })} />
      </label>
      <label>
        Std <input defaultValue={i.std.join(", ")} onBlur={(e) => input({ std: triple(e.target.value) })} />
      </label>
      <label>
        Output{" "}
        <select value={value.output.kind} onChange={(e) => onChange({ ...value, output: { ...value.output, kind: e.target.value as "scores" } })}>
          <option value="scores">scores (one channel per class, argmax)</option>
          <option value="ids">ids (class-id map)</option>
          <option value="probability">probability (one channel, threshold)</option>
        </select>
      </label>
      {value.output.kind === "probability" ? (
        <label>
          Threshold{" "}
          <input value={String(value.output.threshold)} onChange={(e) => onChange({ ...value, output: { ...value.output, threshold: Number(e.target.value) } })} />
        </label>
      ) : null}
    </fieldset>
  );
}
