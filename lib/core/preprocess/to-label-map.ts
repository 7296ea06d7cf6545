import { AppError } from "@/lib/core/errors";
import type { LabelMap } from "@/lib/core/masks/types";
import { argmaxPlanesWasm } from "@/lib/core/wasm/tensor-kernels";
import type { InputPlan, InputSpec, NumericArray, OutputSpec, OutputTensor } from "./types";

/** Label for ids outside 0..65535 (negative, huge): a value outside any class list, so it counts as wrong. */
export const OUT_OF_RANGE_LABEL = 65535;

interface Grid {
  channels: number;
  height: number;
  width: number;
  /** True when channels are the last axis. */
  channelsLast: boolean;
}

/** Reads the output's layout: batch 1, then C/H/W by kind and layout; single-channel outputs accept either layout. */
export function outputGrid(dims: readonly number[], kind: OutputSpec["kind"], layout: InputSpec["layout"]): Grid {
  const shape = `[${dims.join(", ")}]`;
  const bad = (why: string) => new AppError("invalid_input", `The model output has shape ${shape}: ${why}.`);
  let d = [...dims];
  if (d.length === 4) {
    if (d[0] !== 1) throw bad("the batch size must be 1");
    d = d.slice(1);
    if (kind !== "scores") {
      // One channel: the layout says where it is; the other position is accepted when unambiguous.
      const last = layout === "nhwc" ? d[2] === 1 : d[0] !== 1 && d[2] === 1;
      if (last) return { channels: 1, height: d[0], width: d[1], channelsLast: true };
      if (d[0] === 1) return { channels: 1, height: d[1], width: d[2], channelsLast: false };
      throw bad(`"${kind}" needs a single channel`);
    }
  }
  if (d.length === 2) {
    if (kind === "scores") throw bad(`"scores" needs one channel per class; a map without channels is "ids" or "probability"`);
    return { channels: 1, height: d[0], width: d[1], channelsLast: false };
  }
  if (d.length !== 3) throw bad("expected [1, C, H, W], [1, H, W, C], [1, H, W] or [H, W]");
  if (kind === "scores") {
    const g = layout === "nchw"
      ? { channels: d[0], height: d[1], width: d[2], channelsLast: false }
      : { channels: d[2], height: d[0], width: d[1], channelsLast: true };
    if (g.channels < 2) throw bad(`"scores" needs one channel per class (at least 2), found ${g.channels}; use "probability" for one channel`);
    return g;
  }
  if (d[0] === 1) return { channels: 1, height: d[1], width: d[2], channelsLast: false };
  if (d[2] === 1) return { channels: 1, height: d[0], width: d[1], channelsLast: true };
  throw bad(`"${kind}" needs a single channel`);
}

/** Class ids in [0, OUT_OF_RANGE_LABEL] and the largest; one monomorphic loop per common array type. */
function idGrid(data: NumericArray, n: number): { labels: Uint8Array | Uint16Array; max: number } {
  // 8-bit ids fit an 8-bit map whatever they are: no scan (max is only a bound for the map's width).
  if (data instanceof Uint8Array) return { labels: data.subarray(0, n), max: 255 };
  const labels = new Uint16Array(n);
  let max = 0;
  if (data instanceof BigInt64Array) {
    // Little-endian halves: a small non-negative id has a zero high word.
    const w = new Int32Array(data.buffer, data.byteOffset, n * 2);
    for (let i = 0; i < n; i++) {
      const lo = w[2 * i];
      const l = w[2 * i + 1] === 0 && lo >= 0 && lo < OUT_OF_RANGE_LABEL ? lo : OUT_OF_RANGE_LABEL;
      labels[i] = l;
      if (l > max) max = l;
    }
    return { labels, max };
  }
  const big = data instanceof BigUint64Array;
  for (let i = 0; i < n; i++) {
    const x = big ? Number(data[i]) : (data[i] as number);
    const l = x >= 0 && x < OUT_OF_RANGE_LABEL && Number.isInteger(x) ? x : OUT_OF_RANGE_LABEL;
    labels[i] = l;
    if (l > max) max = l;
  }
  return { labels, max };
}

/** Float scores or probabilities as a plain float array (no copy for Float32Array/Float64Array). */
function floats(data: NumericArray): Float32Array | Float64Array {
  if (data instanceof Float32Array || data instanceof Float64Array) return data;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Number(data[i]);
  return out;
}

/**
 * argmax over C planes of n values (NCHW): first maximum wins, NaN never
 * wins. The reference for lib/core/wasm's SIMD kernel, which takes float32
 * planes into 8-bit labels when loaded. Hot loop: one pass per plane.
 */
export function argmaxPlanes(v: Float32Array | Float64Array, C: number, n: number, labels: Uint8Array | Uint16Array): void {
  const best = (v instanceof Float32Array ? new Float32Array(n) : new Float64Array(n)).fill(-Infinity);
  for (let c = 0; c < C; c++) {
    const off = c * n;
    for (let i = 0; i < n; i++) {
      const x = v[off + i];
      if (x > best[i]) {
        best[i] = x;
        labels[i] = c;
      }
    }
  }
}

/** argmax over the last axis (NHWC). */
function argmaxLast(v: Float32Array | Float64Array, C: number, n: number, labels: Uint8Array | Uint16Array): void {
  for (let i = 0, p = 0; i < n; i++, p += C) {
    let bi = 0;
    let bv = -Infinity;
    for (let c = 0; c < C; c++) {
      const x = v[p + c];
      if (x > bv) {
        bv = x;
        bi = c;
      }
    }
    labels[i] = bi;
  }
}

/** One label per output pixel and the largest label. */
function labelGrid(data: NumericArray, grid: Grid, spec: OutputSpec): { labels: Uint8Array | Uint16Array; max: number } {
  const n = grid.height * grid.width;
  if (spec.kind === "ids") return idGrid(data, n);
  const v = floats(data);
  if (spec.kind === "probability") {
    const labels = new Uint8Array(n);
    const t = spec.threshold;
    for (let i = 0; i < n; i++) labels[i] = v[i] >= t ? 1 : 0;
    return { labels, max: 1 };
  }
  const labels = grid.channels <= 256 ? new Uint8Array(n) : new Uint16Array(n);
  if (grid.channelsLast) argmaxLast(v, grid.channels, n, labels);
  else if (!(v instanceof Float32Array && labels instanceof Uint8Array && argmaxPlanesWasm(v, grid.channels, n, labels))) {
    argmaxPlanes(v, grid.channels, n, labels);
  }
  return { labels, max: grid.channels - 1 };
}

/** Why `channels` score planes do not fit a class list of `classCount` (null when they do, or when the count is not known). */
export function scoreChannelsProblem(channels: number, classCount: number | undefined): string | null {
  if (classCount === undefined || channels === classCount) return null;
  return `The model output has ${channels} score channels but the model version declares ${classCount} ${classCount === 1 ? "class" : "classes"}; the class list must name one class per channel, in output order.`;
}

/**
 * Throws AppError unless a "scores" output's `channels` equal the model
 * version's `classCount` (one score channel per declared class, in order);
 * nothing to check without a class count.
 */
export function checkScoreChannels(channels: number, classCount: number | undefined): void {
  const problem = scoreChannelsProblem(channels, classCount);
  if (problem) throw new AppError("invalid_input", problem);
}

/** For each of `n` target pixels, the output index it reads: target -> content rectangle -> output grid, nearest. */
function sampleIndex(n: number, offset: number, content: number, tensor: number, out: number): Int32Array {
  const idx = new Int32Array(n);
  const k = out / tensor;
  for (let i = 0; i < n; i++) {
    const t = offset + ((i + 0.5) * content) / n;
    idx[i] = Math.min(out - 1, Math.max(0, Math.floor(t * k)));
  }
  return idx;
}

/**
 * Turns a model output into a label map of `width` x `height` (the ground
 * truth's size): ids as they are (integers 0..65534; anything else becomes
 * OUT_OF_RANGE_LABEL), scores by argmax over channels (first maximum wins,
 * NaN never wins), probability as 1 where value >= threshold. The content
 * rectangle of `plan` (padding cropped off) is scaled to the target with
 * nearest neighbour; an output smaller than the tensor (a stride-4 decoder)
 * maps proportionally. 8-bit data when every label fits, else 16-bit. When
 * the target is the grid's top-left corner unscaled (resize "none") the data
 * is a view on the output's own labels, not a copy. With `classCount`,
 * "scores" with another number of channels is an error (a model whose
 * channel axis is symbolic is only known when it runs).
 */
export function toLabelMap(
  output: OutputTensor,
  spec: OutputSpec,
  layout: InputSpec["layout"],
  plan: InputPlan,
  width: number,
  height: number,
  classCount?: number,
): LabelMap {
  const grid = outputGrid(output.dims, spec.kind, layout);
  if (spec.kind === "scores") checkScoreChannels(grid.channels, classCount);
  const expected = output.dims.reduce((p, q) => p * q, 1);
  if (output.data.length !== expected) {
    throw new AppError("invalid_input", `The model output has ${output.data.length} values but its shape [${output.dims.join(", ")}] needs ${expected}.`);
  }
  if (grid.height < 1 || grid.width < 1) throw new AppError("invalid_input", "The model output is empty.");
  const { labels, max } = labelGrid(output.data, grid, spec);
  const xs = sampleIndex(width, plan.contentX, plan.contentWidth, plan.tensorWidth, grid.width);
  const ys = sampleIndex(height, plan.contentY, plan.contentHeight, plan.tensorHeight, grid.height);
  const wholeRows = grid.width === width && xs.every((v, i) => v === i);
  // The target is the grid's top-left corner as it is (e.g. resize "none"): the labels themselves, no copy.
  if (wholeRows && (labels instanceof Uint8Array) === max < 256 && ys.every((v, i) => v === i)) return { width, height, data: labels.subarray(0, width * height) };
  const data = max < 256 ? new Uint8Array(width * height) : new Uint16Array(width * height);
  for (let y = 0, p = 0; y < height; y++) {
    const row = ys[y] * grid.width;
    if (wholeRows) data.set(labels.subarray(row, row + width), p);
    else for (let x = 0; x < width; x++) data[p + x] = labels[row + xs[x]];
    p += width;
  }
  return { width, height, data };
}
