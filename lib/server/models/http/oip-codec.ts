import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import type { NumericArray } from "@/lib/core/preprocess";

/** Open Inference Protocol v2 tensor datatypes Intersect reads and writes (FP16, BYTES and BOOL are refused). */
const ARRAYS = {
  UINT8: Uint8Array,
  INT8: Int8Array,
  UINT16: Uint16Array,
  INT16: Int16Array,
  UINT32: Uint32Array,
  INT32: Int32Array,
  UINT64: BigUint64Array,
  INT64: BigInt64Array,
  FP32: Float32Array,
  FP64: Float64Array,
} as const;
export type OipDatatype = keyof typeof ARRAYS;

export const isOipDatatype = (d: string): d is OipDatatype => d in ARRAYS;

const tensorMetadataSchema = z.object({ name: z.string(), datatype: z.string(), shape: z.array(z.number().int()) });
/** `GET /v2/models/{name}`: the model's signature (-1 = variable dimension). */
export const modelMetadataSchema = z.object({
  name: z.string(),
  versions: z.array(z.string()).optional(),
  platform: z.string().optional(),
  inputs: z.array(tensorMetadataSchema),
  outputs: z.array(tensorMetadataSchema),
});
export type ModelMetadata = z.infer<typeof modelMetadataSchema>;
export type TensorMetadata = z.infer<typeof tensorMetadataSchema>;

const responseOutputSchema = z.object({
  name: z.string(),
  datatype: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  parameters: z.record(z.string(), z.unknown()).optional(),
  data: z.array(z.unknown()).optional(),
});
const inferResponseSchema = z.object({ outputs: z.array(responseOutputSchema).min(1) });

export interface OipTensor {
  name: string;
  datatype: OipDatatype;
  shape: number[];
  data: NumericArray;
}

export interface EncodedRequest {
  /** The whole body in one buffer (built on access for binary requests). */
  body: Uint8Array<ArrayBuffer>;
  /** The body as parts to write in order (binary: JSON header, then the tensor bytes, uncopied). */
  parts: Uint8Array[];
  headers: Record<string, string>;
}

/**
 * Encodes an infer request for one input, asking for `outputName`. Binary
 * mode (the binary tensor data extension): the JSON header carries
 * `parameters.binary_data_size` for the input and `binary_data: true` for the
 * output, its byte length goes in `Inference-Header-Content-Length`, and the
 * raw little-endian tensor bytes follow it in the body. JSON mode: `data` is
 * the flat row-major array.
 */
export function encodeInferRequest(input: OipTensor, outputName: string, binary: boolean): EncodedRequest {
  const enc = new TextEncoder();
  if (!binary) {
    const json = { inputs: [{ name: input.name, shape: input.shape, datatype: input.datatype, data: Array.from(input.data, Number) }], outputs: [{ name: outputName }] };
    const body = enc.encode(JSON.stringify(json));
    return { body, parts: [body], headers: { "content-type": "application/json" } };
  }
  const bytes = new Uint8Array(input.data.buffer, input.data.byteOffset, input.data.byteLength);
  const header = enc.encode(
    JSON.stringify({
      inputs: [{ name: input.name, shape: input.shape, datatype: input.datatype, parameters: { binary_data_size: bytes.length } }],
      outputs: [{ name: outputName, parameters: { binary_data: true } }],
    }),
  );
  const parts = [header, bytes];
  return { get body() { const b = new Uint8Array(header.length + bytes.length); b.set(header, 0); b.set(bytes, header.length); return b; }, parts, headers: { "content-type": "application/octet-stream", "inference-header-content-length": String(header.length) } };
}

/**
 * Decodes an infer response (JSON, or JSON + binary outputs when the
 * `Inference-Header-Content-Length` header is present) and returns the output
 * named `outputName` (or the first). A size that does not match the shape,
 * an unknown datatype or a malformed body is AppError("invalid_input") saying
 * what the endpoint sent.
 */
export function decodeInferResponse(body: Uint8Array, headerLength: string | null, outputName: string): OipTensor {
  const fail = (why: string): never => {
    throw new AppError("invalid_input", `the endpoint's response ${why}.`);
  };
  const jsonLength = headerLength === null ? body.length : Number(headerLength);
  if (!Number.isInteger(jsonLength) || jsonLength < 0 || jsonLength > body.length) fail(`has an invalid Inference-Header-Content-Length (${headerLength})`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body.subarray(0, jsonLength)));
  } catch {
    fail("is not JSON");
  }
  const res = inferResponseSchema.safeParse(parsed);
  if (!res.success) return fail(`does not have the Open Inference Protocol shape (${res.error.issues[0]?.message ?? "invalid"})`);
  let offset = jsonLength;
  let found: OipTensor | null = null;
  for (const out of res.data.outputs) {
    const size = out.parameters?.binary_data_size;
    let data: NumericArray | null = null;
    const count = out.shape.reduce((p, q) => p * q, 1);
    if (!isOipDatatype(out.datatype)) {
      if (out.name === outputName || found === null) fail(`output "${out.name}" has datatype ${out.datatype}, which Intersect cannot read`);
    } else if (typeof size === "number") {
      const Ctor = ARRAYS[out.datatype];
      if (offset + size > body.length) fail(`declares ${size} binary bytes for "${out.name}" but only ${body.length - offset} follow`);
      if (size !== count * Ctor.BYTES_PER_ELEMENT) fail(`output "${out.name}" has ${size} bytes but shape [${out.shape.join(", ")}] of ${out.datatype} needs ${count * Ctor.BYTES_PER_ELEMENT}`);
      const copy = body.slice(offset, offset + size); // aligned copy
      data = new Ctor(copy.buffer, 0, count);
      offset += size;
    } else if (out.data) {
      const flat = out.data.flat(Infinity as 1) as unknown[];
      if (flat.length !== count) fail(`output "${out.name}" has ${flat.length} values but shape [${out.shape.join(", ")}] needs ${count}`);
      data = Float64Array.from(flat, (v) => (typeof v === "number" ? v : typeof v === "boolean" ? Number(v) : NaN));
    } else {
      fail(`output "${out.name}" has neither data nor binary_data_size`);
    }
    if (data && isOipDatatype(out.datatype) && (out.name === outputName || found === null)) {
      const t: OipTensor = { name: out.name, datatype: out.datatype, shape: out.shape, data };
      if (out.name === outputName) return t;
      found = t;
    }
  }
  return found ?? fail(`has no output "${outputName}"`);
}
