import "server-only";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ModelMetadata } from "./oip-codec";

/** An output tensor a fake model returns; `data` is written as-is (JSON array or little-endian bytes). */
export interface FakeOutput {
  datatype: string;
  shape: number[];
  data: Float32Array | BigInt64Array | Uint8Array | Int32Array;
}

export interface FakeOipServerOptions {
  metadata: ModelMetadata;
  /** The model: input shape, datatype and values -> output. */
  model(input: { shape: number[]; datatype: string; data: Uint8Array | Float32Array }): FakeOutput;
  /** List "binary_tensor_data" under `GET /v2` extensions. Default true. */
  binary?: boolean;
  /** Answer after this many ms. */
  delayMs?: number;
  /** Answer the first N infer calls with 503 and an OIP error body. */
  failFirst?: number;
  /** Serve under this path ("/base"), as behind a gateway; routes without it are 404. */
  basePath?: string;
}

/**
 * A tiny Open Inference Protocol v2 server on 127.0.0.1 for tests and
 * benchmarks: metadata, JSON and binary-extension infer requests and
 * responses, injected delays and 503s. It counts requests, the largest
 * number in flight, and keeps the Authorization headers and query strings it saw.
 */
export async function startFakeOipServer(opts: FakeOipServerOptions) {
  const stats = { infers: 0, binaryRequests: 0, inFlight: 0, maxInFlight: 0, authorizations: [] as string[], queries: [] as string[] };
  let failuresLeft = opts.failFirst ?? 0;
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };
  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.headers.authorization) stats.authorizations.push(req.headers.authorization);
    const [path, query = ""] = (req.url ?? "").split("?");
    stats.queries.push(query);
    const base = opts.basePath ?? "";
    if (!path.startsWith(`${base}/`)) return send(res, 404, { error: `no route ${path}` });
    const url = path.slice(base.length);
    if (req.method === "GET" && url === "/v2") return send(res, 200, { name: "fake", extensions: opts.binary === false ? [] : ["binary_tensor_data"] });
    if (req.method === "GET" && url === `/v2/models/${opts.metadata.name}`) return send(res, 200, opts.metadata);
    if (req.method !== "POST" || url !== `/v2/models/${opts.metadata.name}/infer`) return send(res, 404, { error: `no route ${url}` });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    stats.infers++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      if (failuresLeft > 0) {
        failuresLeft--;
        return send(res, 503, { error: "model is loading, try again" });
      }
      const headerLen = req.headers["inference-header-content-length"];
      if (headerLen) stats.binaryRequests++;
      const jsonLen = headerLen ? Number(headerLen) : body.length;
      const request = JSON.parse(body.subarray(0, jsonLen).toString("utf8"));
      const inp = request.inputs[0];
      const size = inp.parameters?.binary_data_size;
      const count = (inp.shape as number[]).reduce((p, q) => p * q, 1);
      let data: Uint8Array | Float32Array;
      if (typeof size === "number") {
        const bytes = new Uint8Array(body.subarray(jsonLen, jsonLen + size));
        data = inp.datatype === "FP32" ? new Float32Array(bytes.buffer, 0, count) : bytes;
      } else {
        data = inp.datatype === "FP32" ? Float32Array.from(inp.data) : Uint8Array.from(inp.data);
      }
      const out = opts.model({ shape: inp.shape, datatype: inp.datatype, data });
      const outName = opts.metadata.outputs[0].name;
      const wantsBinary = request.parameters?.binary_data_output === true || request.outputs?.some((o: { parameters?: { binary_data?: boolean } }) => o.parameters?.binary_data);
      if (!wantsBinary) {
        return send(res, 200, { model_name: opts.metadata.name, outputs: [{ name: outName, datatype: out.datatype, shape: out.shape, data: Array.from(out.data, Number) }] });
      }
      const bytes = Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength);
      const header = Buffer.from(JSON.stringify({ model_name: opts.metadata.name, outputs: [{ name: outName, datatype: out.datatype, shape: out.shape, parameters: { binary_data_size: bytes.length } }] }));
      res.writeHead(200, { "content-type": "application/octet-stream", "inference-header-content-length": String(header.length) });
      res.end(Buffer.concat([header, bytes]));
    } finally {
      stats.inFlight--;
    }
  }
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** NHWC UINT8 [1,H,W,3] -> INT64 ids [1,H,W]: the index of the largest of R, G, B (first wins). */
export function argmaxRgbModel(input: { shape: number[]; data: Uint8Array | Float32Array }): FakeOutput {
  const [, h, w] = input.shape;
  const ids = new BigInt64Array(h * w);
  for (let i = 0; i < h * w; i++) {
    const p = input.data.subarray(i * 3, i * 3 + 3);
    ids[i] = BigInt(p[1] > p[0] ? (p[2] > p[1] ? 2 : 1) : p[2] > p[0] ? 2 : 0);
  }
  return { datatype: "INT64", shape: [1, h, w], data: ids };
}
