import { Worker } from "node:worker_threads";
import { createHttpRunner } from "@/lib/server/models/http/http-runner";
import type { RunnerSample } from "@/lib/server/models/runner";

/**
 * A minimal OIP v2 endpoint in its own thread (so its CPU does not count
 * against the client): UINT8 NHWC in, UINT8 ids (all 0) out, binary
 * extension, answering `delayMs` after the request body has arrived.
 */
const SERVER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const meta = { name: "slow", inputs: [{ name: "image", datatype: "UINT8", shape: [1, -1, -1, 3] }], outputs: [{ name: "ids", datatype: "UINT8", shape: [1, -1, -1] }] };
const server = http.createServer((req, res) => {
  if (req.method === "GET") {
    const body = req.url === "/v2" ? { name: "bench", extensions: ["binary_tensor_data"] } : meta;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    return;
  }
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const n = Number(req.headers["inference-header-content-length"]);
    const shape = JSON.parse(body.subarray(0, n).toString()).inputs[0].shape;
    const ids = Buffer.alloc(shape[1] * shape[2]);
    const header = Buffer.from(JSON.stringify({ model_name: "slow", outputs: [{ name: "ids", datatype: "UINT8", shape: [1, shape[1], shape[2]], parameters: { binary_data_size: ids.length } }] }));
    setTimeout(() => {
      res.writeHead(200, { "content-type": "application/octet-stream", "inference-header-content-length": String(header.length) });
      res.end(Buffer.concat([header, ids]));
    }, workerData.delayMs);
  });
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
`;

export interface HttpBenchResult {
  concurrency: number;
  /** Images per second, one value per run. */
  rates: number[];
  /** concurrency / delay: what a client with zero overhead would reach. */
  ideal: number;
}

/** Throughput of the http runner against a local endpoint answering after `delayMs`, at each concurrency. */
export async function benchHttpRunner(images: Uint8Array[], size: { width: number; height: number }, opts: { delayMs: number; concurrencies: number[]; runs: number; perRun: number }): Promise<HttpBenchResult[]> {
  const worker = new Worker(SERVER_SOURCE, { eval: true, workerData: { delayMs: opts.delayMs } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const results: HttpBenchResult[] = [];
  try {
    for (const concurrency of opts.concurrencies) {
      const runner = createHttpRunner({ config: { url: `http://127.0.0.1:${port}`, modelName: "slow" }, readImage: async (s) => images[Number(s.id) % images.length], concurrency, binary: true });
      const samples = (n: number) => Array.from({ length: n }, (_, i): RunnerSample => ({ id: String(i), name: `img-${i}`, imageSha256: "", ...size }));
      for await (const o of runner.predictMany(samples(concurrency))) if (o.error) throw o.error; // warm-up: metadata, sockets
      const rates: number[] = [];
      for (let r = 0; r < opts.runs; r++) {
        const t0 = performance.now();
        for await (const o of runner.predictMany(samples(opts.perRun * concurrency))) if (o.error) throw o.error;
        rates.push((opts.perRun * concurrency) / ((performance.now() - t0) / 1000));
      }
      results.push({ concurrency, rates, ideal: concurrency / (opts.delayMs / 1000) });
    }
  } finally {
    await worker.terminate();
  }
  return results;
}
