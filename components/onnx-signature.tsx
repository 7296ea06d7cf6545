"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { formatTensorSignature, onnxFitProblem } from "@/lib/core/onnx/fit";
import type { OnnxConfig } from "@/lib/contracts/onnx-config";
import { onnxInspectionDto, type OnnxInspectionDto } from "@/lib/contracts/onnx-inspection";
import type { ModelSignatureDto } from "@/lib/contracts/runner-config";
import { queryKeys } from "@/lib/contracts/query-keys";
import { errorMessageOf } from "./fetch-dto";

/** `x: float32 [1, 3, H, W]` for each tensor, joined. */
export function formatTensors(tensors: ModelSignatureDto["inputs"]): string {
  return tensors.map(formatTensorSignature).join("; ") || "—";
}

/** Posts the chosen .onnx file to the inspect route once, for its signature; the route's own message on failure. */
async function inspect(modelId: string, file: File): Promise<OnnxInspectionDto> {
  const body = new FormData();
  body.set("file", file);
  const res = await fetch(`/api/v1/models/${encodeURIComponent(modelId)}/inspect-onnx`, { method: "POST", body });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    throw new Error(errorMessageOf(json) ?? `The file could not be read (HTTP ${res.status}).`);
  }
  return onnxInspectionDto.parse(json);
}

/**
 * The signature of the chosen .onnx file, read on the server once per file
 * before the version is created, and whether the preprocessing fits it
 * (checked here, with the server's own rule and wording, whenever the
 * preprocessing or the class count changes: the file is not sent again). `onSignature` hears each
 * signature read (the form fills in a fixed input size from it); a problem
 * equal to `shownElsewhere` (the form's alert after a refused submit) is not
 * repeated here.
 */
export function OnnxSignature({
  modelId,
  file,
  config,
  classCount,
  onSignature,
  shownElsewhere,
}: {
  modelId: string;
  file: File;
  config: OnnxConfig;
  classCount: number;
  onSignature?: (signature: ModelSignatureDto) => void;
  shownElsewhere?: string | null;
}) {
  const fileKey = `${file.name}:${file.size}:${file.lastModified}`;
  const q = useQuery({
    queryKey: queryKeys.onnxInspection(modelId, fileKey),
    queryFn: () => inspect(modelId, file),
    staleTime: Infinity,
    retry: false,
  });
  const signature = q.data?.signature;
  useEffect(() => {
    if (signature) onSignature?.(signature);
  }, [signature, onSignature]);
  if (q.isPending) return <p className="muted">Reading the model&apos;s signature…</p>;
  if (q.isError) return q.error.message === shownElsewhere ? null : <p className="error" role="alert">{q.error.message}</p>;
  // `config` is parsed already: only the fit is left to check (the inspect route's rule and wording).
  const problem = onnxFitProblem(q.data.signature, config, { fileName: q.data.fileName, classCount: classCount > 0 ? classCount : undefined });
  return (
    <div aria-label="Model signature">
      <p className="muted" style={{ margin: 0 }}>
        Inputs: {formatTensors(q.data.signature.inputs)}
        <br />
        Outputs: {formatTensors(q.data.signature.outputs)}
      </p>
      {problem ? (
        problem === shownElsewhere ? null : <p className="error">{problem}</p>
      ) : (
        <p className="muted">
          The preprocessing fits this model.
          {config.input.size && config.input.resize === "none"
            ? ` With resize "none" it pads images up to ${config.input.size[1]}x${config.input.size[0]} and cannot take larger ones: datasets with larger images will not be offered (choose "stretch" or "letterbox" for those).`
            : null}
        </p>
      )}
    </div>
  );
}
