// WebAssembly kernels for model tensors (AssemblyScript, built by
// `npm run build:wasm` into lib/core/wasm/build/tensor.wasm, a module of its
// own so its memory never moves the label maps of kernel.wasm). The
// TypeScript versions (lib/core/preprocess: argmaxPlanes in to-label-map.ts,
// copyFloatPlanes in to-tensor.ts) are the reference; property tests compare both. No allocator (--runtime stub):
// the host lays out memory above heapBase().

/** First free byte above the static data, 16-aligned: the host's memory starts here. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/**
 * Argmax over c planes of n float32 scores (NCHW without the batch: plane k
 * holds channel k of every pixel) into n u8 labels at out. The first maximum
 * wins (strict >), NaN never wins, a pixel whose scores are all NaN gets 0 —
 * exactly the TypeScript reference. c must be 1..256. 16 pixels per step:
 * four f32x4 running maxima and their channel indices, narrowed to bytes.
 */
export function argmaxPlanesF32(src: usize, c: i32, n: i32, out: usize): void {
  const plane = <usize>n << 2;
  const low = f32x4.splat(-Infinity);
  const zero = i32x4.splat(0);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    let b0 = low, b1 = low, b2 = low, b3 = low;
    let k0 = zero, k1 = zero, k2 = zero, k3 = zero;
    let p = src + (<usize>i << 2);
    for (let ch = 0; ch < c; ch++, p += plane) {
      const cv = i32x4.splat(ch);
      const x0 = v128.load(p);
      const x1 = v128.load(p, 16);
      const x2 = v128.load(p, 32);
      const x3 = v128.load(p, 48);
      const m0 = f32x4.gt(x0, b0);
      const m1 = f32x4.gt(x1, b1);
      const m2 = f32x4.gt(x2, b2);
      const m3 = f32x4.gt(x3, b3);
      b0 = v128.bitselect(x0, b0, m0);
      b1 = v128.bitselect(x1, b1, m1);
      b2 = v128.bitselect(x2, b2, m2);
      b3 = v128.bitselect(x3, b3, m3);
      k0 = v128.bitselect(cv, k0, m0);
      k1 = v128.bitselect(cv, k1, m1);
      k2 = v128.bitselect(cv, k2, m2);
      k3 = v128.bitselect(cv, k3, m3);
    }
    v128.store(out + <usize>i, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_u(k0, k1), i16x8.narrow_i32x4_u(k2, k3)));
  }
  for (; i < n; i++) {
    let best: f32 = -Infinity;
    let label = 0;
    let p = src + (<usize>i << 2);
    for (let ch = 0; ch < c; ch++, p += plane) {
      const x = load<f32>(p);
      if (x > best) {
        best = x;
        label = ch;
      }
    }
    store<u8>(out + <usize>i, <u8>label);
  }
}

/**
 * 8-bit RGB(A) pixels (sc bytes each, sw x sh, rows packed) into three
 * float32 planes of a tw-wide tensor, the image's top-left at (cx, cy): byte v
 * of source channel k becomes the float at l_k + 4v (a 256-entry table the
 * host computed, so the values are exactly the TypeScript path's). Planes
 * p0, p1, p2 take source channels 0, 1, 2 (the host swaps them for BGR).
 * Padding is not touched.
 */
export function rgbToPlanes(src: usize, sc: i32, sw: i32, sh: i32, tw: i32, cx: i32, cy: i32, p0: usize, p1: usize, p2: usize, l0: usize, l1: usize, l2: usize): void {
  const step = <usize>sc;
  for (let y = 0; y < sh; y++) {
    let s = src + <usize>y * <usize>sw * step;
    const row = (<usize>(cy + y) * <usize>tw + <usize>cx) << 2;
    let q0 = p0 + row;
    let q1 = p1 + row;
    let q2 = p2 + row;
    for (let x = 0; x < sw; x++) {
      store<f32>(q0, load<f32>(l0 + (<usize>load<u8>(s) << 2)));
      store<f32>(q1, load<f32>(l1 + (<usize>load<u8>(s, 1) << 2)));
      store<f32>(q2, load<f32>(l2 + (<usize>load<u8>(s, 2) << 2)));
      s += step;
      q0 += 4;
      q1 += 4;
      q2 += 4;
    }
  }
}
