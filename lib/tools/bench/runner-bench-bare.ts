import { Worker } from "node:worker_threads";
import { ortPath } from "@/lib/server/models/onnx/session-worker";
import { cpuMs } from "./runner-bench-engine";

/*
 * The strongest "onnxruntime alone" layout with several sessions: each
 * worker thread holds one single-thread session AND its input tensors
 * (sent once, before timing), then runs its share of the images back to back
 * and drops the outputs in place — no copies, no messages, no garbage on
 * the main thread while timed; outputs go into a preallocated tensor, as the
 * engine's sessions do (that saves onnxruntime an output buffer per run).
 * Nothing of Intersect runs here.
 */
const BARE_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ort = require(workerData.ortPath);
let session = null;
let feeds = [];
let fetches = null;
parentPort.on("message", async (m) => {
  if (m.kind === "open") {
    session = await ort.InferenceSession.create(m.bytes, { executionProviders: ["cpu"], intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: "sequential", graphOptimizationLevel: "all" });
    feeds = m.tensors.map((t) => ({ [m.inputName]: new ort.Tensor(t.type, t.data, t.dims) }));
    const name = session.outputNames[0];
    const first = (await session.run(feeds[0]))[name];
    // onnxruntime writes each output into this one preallocated tensor (all images have one shape).
    fetches = { [name]: new ort.Tensor(first.type, new first.data.constructor(first.data.length), first.dims) };
    await session.run(feeds[0], fetches);
    parentPort.postMessage("ready");
  } else if (m.kind === "run") {
    for (let i = 0; i < m.count; i++) await session.run(feeds[(m.first + i) % feeds.length], fetches);
    parentPort.postMessage("done");
  } else if (m.kind === "close") {
    await session.release();
    parentPort.postMessage("closed");
  }
});
`;

interface Tensor {
  type: string;
  data: Float32Array | Uint8Array;
  dims: readonly number[];
}

function reply(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}

/**
 * Images per second of `sessions` resident single-thread sessions running
 * `total` images between them (split evenly, all starting together), timed
 * from the start signal to the last one done.
 */
export async function bareResidentRate(model: Uint8Array, inputName: string, tensors: Tensor[], sessions: number, total: number): Promise<{ rate: number; cpuMsPerImage: number }> {
  const workers = Array.from({ length: sessions }, () => new Worker(BARE_SOURCE, { eval: true, workerData: { ortPath: ortPath() } }));
  try {
    await Promise.all(
      workers.map((w) => {
        const ready = reply(w);
        w.postMessage({ kind: "open", bytes: model, inputName, tensors: tensors.map((t) => ({ type: t.type, data: t.data.slice(), dims: t.dims })) });
        return ready;
      }),
    );
    const share = Math.ceil(total / sessions);
    const c0 = cpuMs();
    const t0 = performance.now();
    await Promise.all(
      workers.map((w, k) => {
        const done = reply(w);
        w.postMessage({ kind: "run", first: k * share, count: Math.min(share, total - k * share) });
        return done;
      }),
    );
    const rate = total / ((performance.now() - t0) / 1000);
    const cpuMsPerImage = (cpuMs() - c0) / total;
    await Promise.all(workers.map((w) => { const closed = reply(w); w.postMessage({ kind: "close" }); return closed; }));
    return { rate, cpuMsPerImage };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
