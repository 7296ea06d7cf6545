import { AppError } from "@/lib/core/errors";
import { rgbToPlanesWasm, type PlanesLayout } from "@/lib/core/wasm/tensor-kernels";
import type { InputPlan, InputSpec, InputTensor, RgbImage } from "./types";

/**
 * Fills the input tensor from an 8-bit RGB(A) image following `plan`:
 * bilinear resize of the image into the content rectangle (half-pixel
 * centres, edge clamped, no antialiasing: OpenCV's INTER_LINEAR), channel
 * order rgb/bgr, then float32 `(v * scale - mean[c]) / std[c]` or uint8 `v`
 * rounded half up. Padding stays 0. Alpha is ignored. `reuse`, a buffer of
 * an earlier tensor of the same byte size, is filled instead of a new one
 * (padding cleared), so a run over many images allocates no tensors.
 */
export function toInputTensor(image: RgbImage, spec: InputSpec, plan: InputPlan, reuse?: ArrayBuffer): InputTensor {
  const { width: sw, height: sh, channels: sc, data: src } = image;
  if (src.length < sw * sh * sc) {
    throw new AppError("invalid_input", `The image buffer holds ${src.length} bytes, ${sw}x${sh}x${sc} needs ${sw * sh * sc}.`);
  }
  const { tensorWidth: tw, tensorHeight: th, contentX, contentY, contentWidth: cw, contentHeight: ch } = plan;
  const n = tw * th;
  const float = spec.dtype === "float32";
  const bytes = n * 3 * (float ? 4 : 1);
  const buffer = reuse !== undefined && reuse.byteLength === bytes ? reuse : new ArrayBuffer(bytes);
  const out = float ? new Float32Array(buffer) : new Uint8Array(buffer);
  const nchw = spec.layout === "nchw";
  const pixStride = nchw ? 1 : 3;
  const chStride = nchw ? n : 1;
  const order = channelOrder(spec);
  const a = [0, 1, 2].map((c) => (float ? spec.scale / spec.std[c] : 1));
  const b = [0, 1, 2].map((c) => (float ? -spec.mean[c] / spec.std[c] : 0.5));

  const o0 = order[0] * chStride;
  const o1 = order[1] * chStride;
  const o2 = order[2] * chStride;
  const sameSize = cw === sw && ch === sh;
  const planes = planesLayoutOf(image, spec, plan);
  const lut = sameSize && float ? lutsOf(spec) : [];
  const tensor = (): InputTensor => ({ data: out, dims: nchw ? [1, 3, th, tw] : [1, th, tw, 3], type: float ? "float32" : "uint8" });
  // The WebAssembly copy writes every value, padding included; the other paths leave padding as the buffer has it.
  if (planes && out instanceof Float32Array && rgbToPlanesWasm(image, planes, out)) return tensor();
  if (buffer === reuse && (cw < tw || ch < th)) out.fill(0);
  if (sameSize) {
    if (out instanceof Float32Array && nchw) copyFloatPlanes(src, sc, sw, sh, [o0, o1, o2].map((o) => out.subarray(o, o + n)), tw, contentX, contentY, lut);
    else if (out instanceof Float32Array) copyFloat(src, sc, sw, sh, out, tw, contentX, contentY, pixStride, [o0, o1, o2], lut);
    else copyBytes(src, sc, sw, sh, out, tw, contentX, contentY, pixStride, [o0, o1, o2]);
    return tensor();
  }
  const x0 = new Int32Array(cw);
  const x1 = new Int32Array(cw);
  const fx = new Float64Array(cw);
  for (let x = 0; x < cw; x++) {
    const s = Math.min(Math.max((x + 0.5) * (sw / cw) - 0.5, 0), sw - 1);
    const i = Math.floor(s);
    x0[x] = i * sc;
    x1[x] = Math.min(i + 1, sw - 1) * sc;
    fx[x] = s - i;
  }
  for (let y = 0; y < ch; y++) {
    const s = Math.min(Math.max((y + 0.5) * (sh / ch) - 0.5, 0), sh - 1);
    const iy = Math.floor(s);
    const fy = s - iy;
    const r0 = iy * sw * sc;
    const r1 = Math.min(iy + 1, sh - 1) * sw * sc;
    let p = ((contentY + y) * tw + contentX) * pixStride;
    for (let x = 0; x < cw; x++, p += pixStride) {
      const wx = fx[x];
      const a00 = r0 + x0[x];
      const a01 = r0 + x1[x];
      const a10 = r1 + x0[x];
      const a11 = r1 + x1[x];
      for (let c = 0; c < 3; c++) {
        const t = src[a00 + c] + (src[a01 + c] - src[a00 + c]) * wx;
        const u = src[a10 + c] + (src[a11 + c] - src[a10 + c]) * wx;
        const v = t + (u - t) * fy;
        // Tensor channel k reads source channel order[k]; for rgb/bgr the map is its own inverse.
        const dst = p + (c === 0 ? o0 : c === 1 ? o1 : o2);
        out[dst] = float ? v * a[order[c]] + b[order[c]] : v + 0.5;
      }
    }
  }
  return tensor();
}

/**
 * The layout of a float32 NCHW tensor filled without resizing (content the
 * image's own size: resize "none", or a fixed size equal to the image's), in
 * the form lib/core/wasm's rgbToPlanes takes — so a host can run that copy
 * where the tensor lives (e.g. a session's thread). Null for any other input
 * (uint8, NHWC, a resize), which only toInputTensor fills.
 */
export function planesLayoutOf(image: Pick<RgbImage, "width" | "height">, spec: InputSpec, plan: InputPlan): PlanesLayout | null {
  if (spec.dtype !== "float32" || spec.layout !== "nchw" || plan.contentWidth !== image.width || plan.contentHeight !== image.height) return null;
  return { tw: plan.tensorWidth, th: plan.tensorHeight, cx: plan.contentX, cy: plan.contentY, planeOf: channelOrder(spec), luts: lutsOf(spec) };
}

/** Tensor channel k reads source channel order[k] (for rgb/bgr the map is its own inverse). */
function channelOrder(spec: InputSpec): number[] {
  return spec.channels === "bgr" ? [2, 1, 0] : [0, 1, 2];
}

/** The tables of a spec, made once: a run's images share one spec object. Read-only for every caller. */
const lutCache = new WeakMap<InputSpec, readonly Float32Array[]>();

/** Per source channel, the float tensor value of each byte 0..255 (normalisation once per value, not per pixel). */
function lutsOf(spec: InputSpec): readonly Float32Array[] {
  let tables = lutCache.get(spec);
  if (tables === undefined) {
    const order = channelOrder(spec);
    tables = order.map((t) => {
      const [a, b] = [spec.scale / spec.std[t], -spec.mean[t] / spec.std[t]];
      return Float32Array.from({ length: 256 }, (_, v) => v * a + b);
    });
    lutCache.set(spec, tables);
  }
  return tables;
}

/** The no-resize path, float32 NHWC: a table look-up per byte. Kept apart from the uint8 loop so each stays monomorphic. */
function copyFloat(src: Uint8Array, sc: number, sw: number, sh: number, out: Float32Array, tw: number, cx: number, cy: number, pixStride: number, dst: number[], lut: readonly Float32Array[]): void {
  const [d0, d1, d2] = dst;
  const [l0, l1, l2] = lut;
  for (let y = 0; y < sh; y++) {
    let s = y * sw * sc;
    let p = ((cy + y) * tw + cx) * pixStride;
    for (let x = 0; x < sw; x++, s += sc, p += pixStride) {
      out[p + d0] = l0[src[s]];
      out[p + d1] = l1[src[s + 1]];
      out[p + d2] = l2[src[s + 2]];
    }
  }
}

/**
 * The no-resize path, float32 NCHW: one plane per source channel (a view
 * each), so the stores are sequential. The reference for lib/core/wasm's
 * rgbToPlanes, which runs instead when loaded.
 */
export function copyFloatPlanes(src: Uint8Array, sc: number, sw: number, sh: number, planes: Float32Array[], tw: number, cx: number, cy: number, lut: readonly Float32Array[]): void {
  const [p0, p1, p2] = planes;
  const [l0, l1, l2] = lut;
  for (let y = 0; y < sh; y++) {
    let s = y * sw * sc;
    let p = (cy + y) * tw + cx;
    for (const end = p + sw; p < end; p++, s += sc) {
      p0[p] = l0[src[s]];
      p1[p] = l1[src[s + 1]];
      p2[p] = l2[src[s + 2]];
    }
  }
}

/** The no-resize path, uint8: bytes as they are. */
function copyBytes(src: Uint8Array, sc: number, sw: number, sh: number, out: Uint8Array, tw: number, cx: number, cy: number, pixStride: number, dst: number[]): void {
  const [d0, d1, d2] = dst;
  if (sc === 3 && pixStride === 3 && d0 === 0 && d1 === 1 && d2 === 2) {
    // Interleaved RGB into interleaved RGB: whole rows at once.
    for (let y = 0; y < sh; y++) out.set(src.subarray(y * sw * 3, (y + 1) * sw * 3), ((cy + y) * tw + cx) * 3);
    return;
  }
  for (let y = 0; y < sh; y++) {
    let s = y * sw * sc;
    let p = ((cy + y) * tw + cx) * pixStride;
    for (let x = 0; x < sw; x++, s += sc, p += pixStride) {
      out[p + d0] = src[s];
      out[p + d1] = src[s + 1];
      out[p + d2] = src[s + 2];
    }
  }
}
