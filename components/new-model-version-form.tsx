"use client";

import { useRouter } from "next/navigation";
import { useCallback, useId, useState, useTransition } from "react";
import type { Rgb } from "@/lib/core/classes/class-list";
import type { DatasetVersionPickerGroupDto } from "@/lib/contracts/dataset-picker";
import type { ModelSignatureDto } from "@/lib/contracts/runner-config";
import { testEndpointAction } from "@/lib/server/actions/test-endpoint";
import { datasetVersionOptions, type DatasetVersionOptionGroup } from "./dataset-version-options";
import { errorMessageOf, fieldErrorKeysOf } from "./fetch-dto";
import { classesField, colorsByName, namesFromText, readClassFile } from "@/lib/core/classes/class-file";
import { endpointTestErrors, parseHeaderLines, type EndpointField } from "./http-endpoint-form";
import { OnnxConfigFields } from "./onnx-config-fields";
import { DEFAULT_ONNX_FORM_VALUES, parseOnnxFormValues, prefilledSize, preprocessingAlert, type OnnxFormValues } from "./onnx-config-form";
import { OnnxSignature } from "./onnx-signature";

type Runner = "onnx" | "http" | "predictions";

/** The `<optgroup>`s (one per dataset) and `<option>`s (one per version) of a dataset-version select. */
function VersionOptions({ groups }: { groups: readonly DatasetVersionOptionGroup[] }) {
  return groups.map((g) => (
    <optgroup key={g.label} label={g.label}>
      {g.options.map((v) => (
        <option key={v.id} value={v.id}>
          {v.label}
        </option>
      ))}
    </optgroup>
  ));
}

/**
 * The new-version form: runner onnx (file + preprocessing), http (endpoint +
 * "Test connection") or predictions (archive for a dataset version); the
 * class list typed, read from a file or copied from a dataset version; the
 * training dataset versions (any version of any owned dataset, sent by id).
 * The input size is filled in from the .onnx file's signature when the
 * model's input has a fixed size and no size was typed. Posts multipart to POST /api/v1/models/{id}/versions (the
 * REST contract; the file streams to disk) and opens the model on success.
 */
export function NewModelVersionForm({ modelId, groups }: { modelId: string; groups: DatasetVersionPickerGroupDto[] }) {
  const id = useId();
  const router = useRouter();
  const [runner, setRunner] = useState<Runner>("onnx");
  const [classes, setClasses] = useState("");
  /** Colours known for some class names (lower case), from a class file or a copied dataset version; sent with the names. */
  const [classColors, setClassColors] = useState<Record<string, Rgb>>({});
  const [onnxForm, setOnnxForm] = useState<OnnxFormValues>(DEFAULT_ONNX_FORM_VALUES);
  const [sizeTyped, setSizeTyped] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [endpoint, setEndpoint] = useState({ url: "", modelName: "", headers: "" });
  const [forVersion, setForVersion] = useState("");
  const [trainedOn, setTrainedOn] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [endpointErrors, setEndpointErrors] = useState<Partial<Record<EndpointField, string>>>({});
  /** Fields the last refusal named (the server's fieldErrors keys, or the form's own checks), until they are edited. */
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [pending, start] = useTransition();
  const messageId = `${id}-message`;
  /** aria-invalid and aria-describedby (the message) for a field the last refusal named. */
  const mark = (...keys: string[]) => {
    const named = keys.some((k) => invalid.has(k));
    return { "aria-invalid": named || undefined, "aria-describedby": named ? messageId : undefined };
  };
  const unmark = (...keys: string[]) => {
    if (keys.some((k) => invalid.has(k))) setInvalid(new Set([...invalid].filter((k) => !keys.includes(k))));
  };
  const refuse = (field: string, text: string) => {
    setInvalid(new Set([field]));
    setMessage({ error: true, text });
  };
  const versionGroups = datasetVersionOptions(groups);
  const classGroups = datasetVersionOptions(groups, "classes");
  const copyClasses = (versionId: string) => {
    const version = classGroups.flatMap((g) => g.options).find((v) => v.id === versionId);
    if (!version) return;
    unmark("classes");
    setClasses(version.classNames.join("\n"));
    setClassColors(colorsByName(version.classNames.map((name, i) => ({ name, color: version.classColors[i] }))));
  };
  const loadClassFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    try {
      const draft = readClassFile(await chosen.text(), chosen.name);
      unmark("classes");
      // An earlier file's refusal no longer applies once a file loads.
      setMessage((m) => (m?.error ? null : m));
      setClasses(draft.names.join("\n"));
      setClassColors(draft.colors);
    } catch (error) {
      setMessage({ error: true, text: error instanceof Error ? error.message : `${chosen.name} could not be read.` });
    }
  };
  const names = namesFromText(classes);
  const onnx = parseOnnxFormValues(onnxForm);
  const editOnnx = (next: OnnxFormValues) => {
    unmark("config");
    if (next.size !== onnxForm.size) setSizeTyped(true);
    setOnnxForm(next);
  };
  const fillSize = useCallback(
    (signature: ModelSignatureDto) => setOnnxForm((v) => {
      const size = prefilledSize(v, sizeTyped, signature);
      return size === v.size ? v : { ...v, size };
    }),
    [sizeTyped],
  );
  const headerLines = parseHeaderLines(endpoint.headers);
  const httpConfig = () => ({ url: endpoint.url, modelName: endpoint.modelName, ...(endpoint.headers.trim() ? { headers: headerLines.headers } : {}) });
  /** A Headers line that is not "Name: value" is shown under the box and nothing is sent. */
  const refuseHeaders = () => {
    if (!headerLines.problem) return false;
    setEndpointErrors({ ...endpointErrors, headers: `Headers: ${headerLines.problem}` });
    setMessage({ error: true, text: `Headers: ${headerLines.problem}` });
    return true;
  };

  const testConnection = () => {
    if (pending) return;
    if (!endpoint.url || !endpoint.modelName) return setMessage({ error: true, text: "Fill in the endpoint URL and the model name first." });
    if (refuseHeaders()) return;
    start(async () => {
      const r = await testEndpointAction({ modelId, config: httpConfig(), classCount: names.length || undefined });
      const failed = r.ok ? null : endpointTestErrors(r.error);
      setEndpointErrors(failed?.fields ?? {});
      setMessage(r.ok ? { error: false, text: `Connected to ${r.data.modelName}: input ${r.data.inputs.join(", ")}; output ${r.data.outputs.join(", ")}; probe labels ${r.data.probeLabels.join(", ") || "—"}.` } : { error: true, text: failed!.message });
    });
  };
  const editEndpoint = (field: EndpointField, value: string) => {
    setEndpoint({ ...endpoint, [field]: value });
    if (endpointErrors[field]) setEndpointErrors({ ...endpointErrors, [field]: undefined });
  };
  /** aria-invalid, aria-describedby and the reason under an endpoint field that the last "Test connection" refused. */
  const endpointError = (field: EndpointField) => {
    const text = endpointErrors[field];
    const errorId = `${id}-endpoint-${field}-error`;
    return {
      input: { "aria-invalid": text ? true : undefined, "aria-describedby": text ? errorId : undefined },
      note: text ? (
        <span id={errorId} className="error">
          {text}
        </span>
      ) : null,
    };
  };

  const submit = () => {
    if (pending) return;
    setSubmitted(true);
    if (names.length === 0) return refuse("classes", "Give the version its classes first: type them, load a file or copy them from a dataset.");
    if (runner === "predictions" && !forVersion) return refuse("datasetVersionId", "Choose the dataset version the predictions are for.");
    if (runner === "onnx" && !onnx.ok) return setMessage({ error: true, text: preprocessingAlert(onnx.fieldErrors, onnx.message) });
    if (runner === "http" && refuseHeaders()) return;
    start(async () => {
      setMessage(null);
      setInvalid(new Set());
      const body = new FormData();
      body.set("runner", runner);
      body.set("classes", classesField({ names, colors: classColors }));
      if (runner === "onnx" && onnx.ok) body.set("config", JSON.stringify(onnx.config));
      if (runner === "http") body.set("config", JSON.stringify(httpConfig()));
      if (runner === "predictions") body.set("datasetVersionId", forVersion);
      if (trainedOn.length) body.set("trainedOn", JSON.stringify(trainedOn));
      if (note) body.set("note", note);
      if (file && runner !== "http") body.set("file", file);
      const res = await fetch(`/api/v1/models/${encodeURIComponent(modelId)}/versions`, { method: "POST", body });
      const json: unknown = await res.json().catch(() => null);
      if (res.status === 201) {
        router.push(`/models/${modelId}`);
        router.refresh();
      } else {
        setInvalid(new Set(fieldErrorKeysOf(json)));
        setMessage({ error: true, text: errorMessageOf(json) ?? `The version could not be created (HTTP ${res.status}).` });
      }
    });
  };

  return (
    <form className="form" onSubmit={(e) => (e.preventDefault(), submit())}>
      <fieldset>
        <legend>Runner</legend>
        {(["onnx", "http", "predictions"] as const).map((r) => (
          <label key={r}>
            <input type="radio" name={`${id}-runner`} value={r} checked={runner === r} onChange={() => (setRunner(r), setFile(null), setInvalid(new Set()))} />{" "}
            {r === "onnx" ? "ONNX file (run here)" : r === "http" ? "HTTP endpoint (Open Inference Protocol v2)" : "Uploaded predictions"}
          </label>
        ))}
      </fieldset>
      {runner === "onnx" ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-onnx`}>Model file (.onnx)</label>
            <input id={`${id}-onnx`} type="file" accept=".onnx" onChange={(e) => (unmark("file", "config"), setFile(e.target.files?.[0] ?? null))} {...mark("file", "config")} />
            {file && onnx.ok ? (
              <OnnxSignature modelId={modelId} file={file} config={onnx.config} classCount={names.length} onSignature={fillSize} shownElsewhere={message?.error ? message.text : null} />
            ) : file ? (
              <p className="muted">Fix the preprocessing below to check it against the model&apos;s signature.</p>
            ) : (
              <p className="muted">The model&apos;s input and output signature is read from the file once you choose it, and checked against the preprocessing.</p>
            )}
          </div>
          <OnnxConfigFields value={onnxForm} onChange={editOnnx} errors={submitted && !onnx.ok ? onnx.fieldErrors : undefined} />
        </>
      ) : null}
      {runner === "http" ? (
        <fieldset className="form">
          <legend>Endpoint</legend>
          <label>
            Endpoint URL <input value={endpoint.url} placeholder="http://triton:8000" onChange={(e) => editEndpoint("url", e.target.value)} {...endpointError("url").input} />
          </label>
          {endpointError("url").note}
          <label>
            Model name <input value={endpoint.modelName} onChange={(e) => editEndpoint("modelName", e.target.value)} {...endpointError("modelName").input} />
          </label>
          {endpointError("modelName").note}
          <label>
            Headers (one &quot;Name: value&quot; per line; stored on the server, never shown again)
            <textarea rows={2} value={endpoint.headers} onChange={(e) => editEndpoint("headers", e.target.value)} {...endpointError("headers").input} />
          </label>
          {endpointError("headers").note}
          {/* aria-disabled, not disabled: the button keeps the focus while the test runs and after it fails. */}
          <button type="button" className="secondary" onClick={testConnection} aria-disabled={pending || !endpoint.url || !endpoint.modelName}>
            Test connection
          </button>
        </fieldset>
      ) : null}
      {runner === "predictions" ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-archive`}>Predictions archive (.zip or .tar.gz of &lt;sample name&gt;.png)</label>
            <input id={`${id}-archive`} type="file" accept=".zip,.tar,.gz,.tgz" onChange={(e) => (unmark("file"), setFile(e.target.files?.[0] ?? null))} {...mark("file")} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-for`}>Predictions for dataset</label>
            <select id={`${id}-for`} value={forVersion} onChange={(e) => (unmark("datasetVersionId", "classes"), setForVersion(e.target.value))} {...mark("datasetVersionId")}>
              <option value="">Choose a dataset version…</option>
              <VersionOptions groups={versionGroups} />
            </select>
          </div>
        </>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-classes`}>Classes (one per line, in output order)</label>
        <textarea id={`${id}-classes`} rows={5} value={classes} onChange={(e) => (unmark("classes"), setClasses(e.target.value))} {...mark("classes")} />
        <span className="muted">{names.length} classes</span>
        <label>
          Classes from a file{" "}
          <input type="file" accept=".json,.txt,.csv" onChange={(e) => void loadClassFile(e.target.files?.[0])} />
        </label>
        <label>
          Copy classes from dataset version{" "}
          <select value="" onChange={(e) => copyClasses(e.target.value)}>
            <option value="">Choose…</option>
            <VersionOptions groups={classGroups} />
          </select>
        </label>
      </div>
      <div className="field">
        <label htmlFor={`${id}-trained`}>Trained on (dataset versions, optional)</label>
        <select id={`${id}-trained`} multiple size={Math.min(8, versionGroups.reduce((n, g) => n + 1 + g.options.length, 0)) || undefined} value={trainedOn} onChange={(e) => (unmark("trainedOn"), setTrainedOn([...e.target.selectedOptions].map((o) => o.value)))} {...mark("trainedOn")}>
          <VersionOptions groups={versionGroups} />
        </select>
        <span className="muted">Any version of your datasets; Ctrl/Cmd-click to choose several.</span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        <input id={`${id}-note`} value={note} onChange={(e) => (unmark("note"), setNote(e.target.value))} {...mark("note")} />
      </div>
      {message ? (
        <p id={messageId} role={message.error ? "alert" : "status"} className={message.error ? "error" : "muted"} style={{ whiteSpace: "pre-wrap" }}>
          {message.text}
        </p>
      ) : null}
      <button type="submit" aria-disabled={pending || names.length === 0}>
        Create version
      </button>
    </form>
  );
}
