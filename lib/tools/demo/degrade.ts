import { DEMO_IGNORE_INDEX, DEMO_INVALID_LABEL } from "./classes";
import { noiseTile, TILE, TILE_MASK } from "./noise";
import { uniform, type Rng } from "./prng";
import { scanPolygon } from "./raster";

/**
 * Turns a ground-truth label map into a plausible model prediction: ragged
 * shifts of class boundaries (weak classes erode, their neighbours grow),
 * blob-shaped confusions between classes, and now and then a blob of the
 * out-of-range label 254. Shared by the street and lesion predictors.
 */

/** How to damage one label map; all per-class arrays are indexed by class index. */
export interface DegradeSpec {
  /** Effective strength per class in [0, 1] (1 = untouched), tags already applied. */
  strength: ArrayLike<number>;
  /** Confusion target per class for blobs; -1 = whatever class lies across the nearest boundary. */
  confusion: readonly number[];
  /**
   * Boundary shift in pixels at strength 0, scaled by 1 - strength and by
   * `sizeScale`. A boundary moves into the weaker class by the difference of
   * the two shifts (ragged along a smooth noise), plus a symmetric jitter of
   * half the larger shift, so one side advances where the other recedes.
   */
  maxEdgeShift: number;
  /** Per-class factor on boundary shift and blob size (thin classes move less in absolute pixels). */
  sizeScale: readonly number[];
  /** Classes preferred when filling void pixels (see `fillVoid`). */
  voidPrefer: readonly number[];
  /** Expected blobs per class at strength 0. */
  blobRate: number;
  /** Blob radius as a share of the smaller image side, at strength 0. */
  blobSize: number;
  /** Probability that the image gets a blob of label 254. */
  invalidRate: number;
}

const VOID = DEMO_IGNORE_INDEX;
const INVALID = DEMO_INVALID_LABEL;

/**
 * Replaces void (255) pixels by a neighbouring label — models predict a class
 * everywhere. Among the 8 neighbours the first class of `prefer` wins (the
 * void band lies on the inner edge of those objects), else any labelled
 * neighbour, else the pixel to the left or above, else 0.
 */
export function fillVoid(gt: Uint8Array, w: number, h: number, prefer: readonly number[] = []): Uint8Array {
  const out = gt.slice();
  const rank = new Uint8Array(256).fill(255);
  prefer.forEach((k, r) => (rank[k] = r));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (gt[i] !== VOID) continue;
      let best = VOID;
      let bestRank = 256;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= w) continue;
          const v = gt[yy * w + xx];
          if (v !== VOID && rank[v] < bestRank) {
            best = v;
            bestRank = rank[v];
          }
        }
      }
      out[i] = best !== VOID ? best : x > 0 ? out[i - 1] : y > 0 ? out[i - w] : 0;
    }
  }
  if (out[0] === VOID) out[0] = 0;
  return out;
}

/** Chamfer cost of the four neighbours each pass visits: two straight steps, then two diagonal ones. */
const STEP_COST = [3, 3, 4, 4];

/**
 * Distance (3-4 chamfer, in thirds of a pixel: 3 = one step, 4 = one
 * diagonal step) from every pixel to the nearest pixel of another label, and
 * that label. Pixels on a boundary have distance 3; a map with one label
 * only has distance 2^29 everywhere. The image border is not a boundary.
 */
export function boundaryField(labels: Uint8Array, w: number, h: number): { dist: Int32Array; other: Uint8Array } {
  const W = w + 2;
  const size = W * (h + 2);
  const L = new Int16Array(size).fill(-1);
  const D = new Int32Array(size).fill(1 << 29);
  const O = new Uint8Array(size);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      L[(y + 1) * W + x + 1] = labels[y * w + x];
      O[(y + 1) * W + x + 1] = labels[y * w + x];
    }
  }
  const offsets = [
    [-1, -W, -W - 1, -W + 1],
    [1, W, W + 1, W - 1],
  ];
  for (let pass = 0; pass < 2; pass++) {
    const neighbours = offsets[pass];
    const first = pass === 0 ? W + 1 : h * W + w;
    const step = pass === 0 ? 1 : -1;
    for (let n = 0, i = first; n < h; n++, i += step * 2) {
      for (let m = 0; m < w; m++, i += step) {
        const li = L[i];
        let d = D[i];
        let o = O[i];
        for (let k = 0; k < 4; k++) {
          const j = i + neighbours[k];
          const cost = STEP_COST[k];
          const lj = L[j];
          if (lj !== li) {
            if (lj >= 0 && cost < d) {
              d = cost;
              o = lj;
            }
          } else if (D[j] + cost < d) {
            d = D[j] + cost;
            o = O[j];
          }
        }
        D[i] = d;
        O[i] = o;
      }
    }
  }
  const dist = new Int32Array(w * h);
  const other = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const src = (y + 1) * W + 1;
    dist.set(D.subarray(src, src + w), y * w);
    other.set(O.subarray(src, src + w), y * w);
  }
  return { dist, other };
}

/** The void-filled ground truth and its boundary field, kept for the last few masks (versions of one scene share it). */
interface Prepared {
  gt: Uint8Array;
  snapshot: Uint8Array;
  prefer: string;
  base: Uint8Array;
  dist: Int32Array;
  other: Uint8Array;
}
const recent: Prepared[] = [];

function prepare(gt: Uint8Array, w: number, h: number, prefer: readonly number[]): Prepared {
  const key = prefer.join(",");
  for (const p of recent) {
    if (p.gt === gt && p.prefer === key && sameBytes(p.snapshot, gt)) return p;
  }
  const base = fillVoid(gt, w, h, prefer);
  const p: Prepared = { gt, snapshot: gt.slice(), prefer: key, base, ...boundaryField(base, w, h) };
  recent.unshift(p);
  if (recent.length > 4) recent.pop();
  return p;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Applies `spec` to a ground truth (void allowed) and returns the predicted
 * label map (never 255; 254 only inside an invalid-label blob).
 */
export function degradeLabels(gt: Uint8Array, w: number, h: number, spec: DegradeSpec, rng: Rng): Uint8Array {
  const { base, dist, other } = prepare(gt, w, h, spec.voidPrefer);
  const classes = spec.strength.length;
  const pred = base.slice();
  shiftBoundaries(pred, base, dist, other, w, h, spec, rng);
  const minSide = Math.min(w, h);
  for (let k = 0; k < classes; k++) {
    const weak = 1 - spec.strength[k];
    const count = Math.floor(spec.blobRate * weak + rng());
    for (let b = 0; b < count; b++) {
      const at = findPixel(base, k, rng);
      if (at < 0) break;
      const radius = minSide * spec.blobSize * uniform(rng, 0.4, 1.2) * (0.3 + weak) * (spec.sizeScale[k] ?? 1);
      const target = spec.confusion[k];
      paintBlob(w, h, at % w, Math.floor(at / w), radius, rng, pred, base, k, target < 0 ? other : target);
    }
  }
  if (rng() < spec.invalidRate) {
    const radius = minSide * uniform(rng, 0.03, 0.08);
    paintBlob(w, h, Math.floor(rng() * w), Math.floor(rng() * h), radius, rng, pred, null, 0, INVALID);
  }
  return pred;
}

/**
 * Moves class boundaries in place (see `DegradeSpec.maxEdgeShift`). Pixels
 * farther from a boundary than any shift can reach are skipped after one
 * comparison, so the cost is concentrated along edges.
 */
function shiftBoundaries(pred: Uint8Array, base: Uint8Array, dist: Int32Array, other: Uint8Array, w: number, h: number, spec: DegradeSpec, rng: Rng): void {
  const wobble = noiseTile(7);
  const jitterNoise = noiseTile(11);
  const T = TILE;
  const M = TILE_MASK;
  const ox = Math.floor(rng() * T);
  const oy = Math.floor(rng() * T);
  const classes = spec.strength.length;
  const own = Array.from({ length: classes }, (_, k) => spec.maxEdgeShift * (1 - spec.strength[k]) * (spec.sizeScale[k] ?? 1));
  const drift = new Float32Array(256 * 256);
  const jitter = new Float32Array(256 * 256);
  let reach = 0;
  for (let k = 0; k < classes; k++) {
    for (let o = 0; o < classes; o++) {
      const p = k * 256 + o;
      drift[p] = 3 * (own[k] - own[o]);
      jitter[p] = 3 * (k < o ? 0.5 : -0.5) * Math.max(own[k], own[o]);
      reach = Math.max(reach, 1.75 * Math.abs(drift[p]) + Math.abs(jitter[p]));
    }
  }
  const limit = reach + 1.5;
  for (let y = 0; y < h; y++) {
    const row = ((y + oy) & M) * T;
    for (let x = 0, i = y * w; x < w; x++, i++) {
      if (dist[i] >= limit) continue;
      const o = other[i];
      const pair = base[i] * 256 + o;
      const ti = row + ((x + ox) & M);
      if (dist[i] - 1.5 < drift[pair] * (0.25 + 1.5 * wobble[ti]) + jitter[pair] * (2 * jitterNoise[ti] - 1)) pred[i] = o;
    }
  }
}

/** A random pixel index of class k (up to 400 tries), or -1. */
function findPixel(labels: Uint8Array, k: number, rng: Rng): number {
  for (let t = 0; t < 400; t++) {
    const i = Math.floor(rng() * labels.length);
    if (labels[i] === k) return i;
  }
  return -1;
}

/**
 * Paints a lumpy, stretched disc (a 24-gon whose radius is modulated by two
 * harmonics) into `out`: only pixels whose `base` label is `k` (all pixels
 * when `base` is null), with a fixed value or the per-pixel value of an array.
 */
function paintBlob(w: number, h: number, cx: number, cy: number, radius: number, rng: Rng, out: Uint8Array, base: Uint8Array | null, k: number, value: number | Uint8Array): void {
  const a1 = uniform(rng, 0, 0.25);
  const a2 = uniform(rng, 0, 0.15);
  const p1 = rng() * 6.283;
  const p2 = rng() * 6.283;
  const stretch = uniform(rng, 0.6, 1.6);
  const pts: number[] = [];
  for (let n = 0; n < 24; n++) {
    const t = (n / 24) * Math.PI * 2;
    const r = radius * (1 + a1 * Math.sin(3 * t + p1) + a2 * Math.sin(5 * t + p2));
    pts.push(cx + Math.cos(t) * r * stretch, cy + (Math.sin(t) * r) / stretch);
  }
  scanPolygon(pts, h, (y, x0, x1) => {
    const a = Math.max(0, Math.ceil(x0 - 0.5));
    const b = Math.min(w, Math.ceil(x1 - 0.5));
    for (let i = y * w + a, end = y * w + b; i < end; i++) {
      if (base !== null && base[i] !== k) continue;
      out[i] = typeof value === "number" ? value : value[i];
    }
  });
}
