import "server-only";

/*
 * The source of an inference thread, which session-worker.ts starts: kept
 * apart because it is JavaScript in a string, not TypeScript. Plain CommonJS
 * run with `eval: true`, so the same worker starts under
 * Next, tsx and vitest without a build step for a .ts worker file. It owns
 * one InferenceSession and handles one message at a time; inputs arrive as
 * transferred buffers and go back with the output for reuse, or as 8-bit
 * pixels in a SharedArrayBuffer that the worker turns into float planes in
 * its kernels' memory (onnxruntime-node refuses shared memory as a tensor);
 * outputs go back transferred (copied only if onnxruntime's buffer cannot be
 * detached). With lib/core's tensor kernels
 * (a compiled WebAssembly.Module in workerData, the one tensor-kernels.ts
 * runs on the main thread) score planes are reduced to ids here, where the
 * worker's small heap makes the big score buffers cheap to collect; from the
 * second image of a shape on, onnxruntime writes the scores straight into the
 * module's memory (a preallocated output). Without the kernels the scores go
 * back and the main thread reduces them.
 */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ort = require(typeof workerData.ortPath === "string" ? workerData.ortPath : "onnxruntime-node");
const ARRAYS = { float32: Float32Array, uint8: Uint8Array, int8: Int8Array, int32: Int32Array, int64: BigInt64Array, float64: Float64Array, uint16: Uint16Array, int16: Int16Array, uint32: Uint32Array, uint64: BigUint64Array, bool: Uint8Array };
const describe = (meta) => meta.map((m) => m.isTensor ? { name: m.name, type: m.type, dims: m.shape.map((d) => (typeof d === "number" && d < 0 ? "?" : d)) } : { name: m.name, type: "non-tensor", dims: [] });
let session = null;
let tensor = null;
try {
  if (workerData.tensorModule) {
    const exports = new WebAssembly.Instance(workerData.tensorModule, {}).exports;
    tensor = { exports, base: exports.heapBase() };
  }
} catch {}
const align = (x) => Math.ceil(x / 16) * 16;
/* Grows the module's memory to hold end bytes (views made before are then detached); false when it cannot. */
const grow = (end) => {
  const memory = tensor.exports.memory;
  try { if (end > memory.buffer.byteLength) memory.grow(Math.ceil((end - memory.buffer.byteLength) / 65536)); return true; } catch { return false; }
};
/* Score planes [1, C, H, W] that fit the kernel: where they go in the module's memory, from byte "from" on (null otherwise). */
const planesAt = (type, d, from) => {
  if (!tensor || type !== "float32" || d.length !== 4 || d[0] !== 1 || d[1] < 2 || d[1] > 256 || d[2] * d[3] < 1) return null;
  const c = d[1], n = d[2] * d[3], bytes = c * n * 4;
  if (bytes > workerData.maxTensorBytes) return null;
  const at = from + align(bytes);
  return grow(at + n) ? { c, n, from, at, dims: [1, d[2], d[3]] } : null;
};
const reduce = (p) => {
  tensor.exports.argmaxPlanesF32(p.from, p.c, p.n, p.at);
  return { type: "uint8", data: new Uint8Array(tensor.exports.memory.buffer.slice(p.at, p.at + p.n)), dims: p.dims, argmax: true, channels: p.c };
};
const argmax = (out, from) => {
  const p = planesAt(out.type, out.dims, from);
  if (!p || out.data.length !== p.c * p.n) return null;
  new Float32Array(tensor.exports.memory.buffer, p.from, p.c * p.n).set(out.data);
  return reduce(p);
};
/*
 * A PlanesInput's place in the module's memory: the 3 tables, the pixels,
 * then the float planes (the input tensor); "end" is where the scores may go.
 */
const planesRegion = (px) => {
  const n = px.layout.tw * px.layout.th, srcBytes = px.width * px.height * px.channels;
  const srcAt = tensor.base + 3072, at = srcAt + align(srcBytes);
  return { n, srcBytes, srcAt, at, end: at + align(12 * n) };
};
/* Fills the region (memory already grown) like lib/core's rgbToPlanesWasm: padding 0, and returns the planes. */
const fillPlanes = (px, r) => {
  const buffer = tensor.exports.memory.buffer, L = px.layout;
  L.luts.forEach((lut, k) => new Float32Array(buffer, tensor.base + 1024 * k, 256).set(lut.subarray(0, 256)));
  new Uint8Array(buffer, r.srcAt, r.srcBytes).set(px.pixels.subarray(0, r.srcBytes));
  const planes = new Float32Array(buffer, r.at, 3 * r.n);
  if (px.width < L.tw || px.height < L.th) planes.fill(0);
  const [p0, p1, p2] = L.planeOf.map((k) => r.at + 4 * r.n * k);
  tensor.exports.rgbToPlanes(r.srcAt, px.channels, px.width, px.height, L.tw, L.cx, L.cy, p0, p1, p2, tensor.base, tensor.base + 1024, tensor.base + 2048);
  return planes;
};
/*
 * The score shape each input shape gave (learnt on its first run), so later
 * runs have onnxruntime write the scores straight into the module's memory:
 * no score buffer per image, one copy fewer. A run that fails that way is
 * retried the ordinary way and the shape forgotten.
 */
const scoreShapes = new Map();
const run = async (m) => {
  const region = m.pixels ? planesRegion(m.pixels) : null;
  if (region && !grow(region.end)) throw new Error("no memory for a " + m.dims.join("x") + " input");
  const from = region ? region.end : tensor ? tensor.base : 0;
  const key = m.dims.join("x");
  const known = m.argmax && scoreShapes.get(key);
  const p = known ? planesAt("float32", known, from) : null;
  // Views on the module's memory are made after the last grow.
  const data = region ? fillPlanes(m.pixels, region) : m.data;
  const feeds = { [m.inputName]: new ort.Tensor(m.type, data, m.dims) };
  const back = region ? undefined : m.data.buffer;
  const transfer = (t) => (back ? [t, back] : [t]).filter(Boolean);
  if (p) {
    const into = new ort.Tensor("float32", new Float32Array(tensor.exports.memory.buffer, p.from, p.c * p.n), known);
    let ran = true;
    try { await session.run(feeds, { [m.outputName]: into }); } catch { ran = false; scoreShapes.delete(key); }
    if (ran) { const r = reduce(p); return [{ ...r, input: back }, transfer(r.data.buffer)]; }
  }
  const out = (await session.run(feeds, [m.outputName]))[m.outputName];
  const values = out.data;
  if (typeof values === "string" || Array.isArray(values)) return [{ type: out.type, data: null, dims: out.dims, input: back }, transfer(null)];
  const reduced = m.argmax ? argmax(out, from) : null;
  if (reduced) { scoreShapes.set(key, out.dims); return [{ ...reduced, input: back }, transfer(reduced.data.buffer)]; }
  return [{ type: out.type, data: values, dims: out.dims, input: back }, transfer(values.buffer)];
};
const handle = async (m) => {
  try {
    if (m.kind === "open") {
      // A thread serves one model after another (see the pool in session-worker.ts): nothing of the last one stays.
      await session?.release();
      session = null;
      scoreShapes.clear();
      session = await ort.InferenceSession.create(m.bytes, { executionProviders: ["cpu"], intraOpNumThreads: workerData.threads, interOpNumThreads: 1, executionMode: "sequential", graphOptimizationLevel: "all" });
      parentPort.postMessage({ id: m.id, ok: true, planes: tensor !== null, signature: { inputs: describe(session.inputMetadata), outputs: describe(session.outputMetadata) } });
    } else if (m.kind === "run") {
      const [t, transfer] = await run(m);
      const msg = { id: m.id, ok: true, tensor: t };
      try { parentPort.postMessage(msg, transfer); } catch { parentPort.postMessage({ ...msg, tensor: { ...t, data: t.data && new ARRAYS[t.type](t.data) } }, transfer.filter((b) => b === t.input)); }
    } else if (m.kind === "close") {
      await session?.release();
      session = null;
      parentPort.postMessage({ id: m.id, ok: true });
    }
  } catch (error) {
    parentPort.postMessage({ id: m.id, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
/* One message at a time: a run's input lives in the module's memory until its session run is over. */
let queue = Promise.resolve();
parentPort.on("message", (m) => { queue = queue.then(() => handle(m)); });
`;
