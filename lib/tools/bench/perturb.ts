import { createRng, type Rng } from "./rng";

export interface PerturbOptions {
  numClasses: number;
  /** Value written into "void" blocks of the prediction (the dataset's ignore index), or null for none. */
  voidValue: number | null;
  /** Deterministic seed, e.g. hashSeed(fileName). */
  seed: number;
}

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function randomRect(rng: Rng, width: number, height: number, minShare: number, maxShare: number): Rect {
  const w = Math.max(1, Math.round(width * rng.range(minShare, maxShare)));
  const h = Math.max(1, Math.round(height * rng.range(minShare, maxShare)));
  const x0 = rng.int(0, width - w);
  const y0 = rng.int(0, height - h);
  return { x0, y0, x1: x0 + w, y1: y0 + h };
}

/**
 * A plausible, deterministic "prediction" made from a ground-truth label map:
 * horizontal bands shifted by a few pixels (boundary errors with ragged
 * edges), one class swapped for another inside a few rectangles, small
 * speckles, sometimes one class missed entirely, a block predicted as the
 * void value and a block of labels outside the class list (both go to the
 * spill column). Ground-truth void pixels are copied like any other value.
 * Labels up to 255 stay 8-bit; the output has the input's array type.
 */
export function perturbPrediction<T extends Uint8Array | Uint16Array>(gt: T, width: number, height: number, opts: PerturbOptions): T {
  const rng = createRng(opts.seed);
  const { numClasses } = opts;
  const pred = gt.slice() as T;
  const maxValue = gt instanceof Uint8Array ? 255 : 65535;

  const dy = rng.int(-2, 2);
  for (let y = 0; y < height; ) {
    const band = rng.int(8, 48);
    const dx = rng.int(-4, 4);
    for (let yy = y; yy < Math.min(height, y + band); yy++) {
      const sy = Math.min(height - 1, Math.max(0, yy + dy)) * width;
      const row = yy * width;
      for (let x = 0; x < width; x++) pred[row + x] = gt[sy + Math.min(width - 1, Math.max(0, x + dx))];
    }
    y += band;
  }

  const swaps = numClasses > 1 ? rng.int(1, 4) : 0;
  for (let s = 0; s < swaps; s++) {
    const r = randomRect(rng, width, height, 0.1, 0.35);
    const from = pred[rng.int(r.y0, r.y1 - 1) * width + rng.int(r.x0, r.x1 - 1)];
    const to = (from + rng.int(1, numClasses - 1)) % numClasses;
    for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) if (pred[y * width + x] === from) pred[y * width + x] = to;
  }

  if (rng.chance(0.2)) {
    const missed = rng.int(0, numClasses - 1);
    const replacement = (missed + 1) % numClasses;
    for (let i = 0; i < pred.length; i++) if (pred[i] === missed) pred[i] = replacement;
  }

  const speckles = Math.round((width * height) / 4000);
  for (let s = 0; s < speckles; s++) {
    const size = rng.int(1, 5);
    const x0 = rng.int(0, width - 1);
    const y0 = rng.int(0, height - 1);
    const value = rng.int(0, numClasses - 1);
    for (let y = y0; y < Math.min(height, y0 + size); y++) for (let x = x0; x < Math.min(width, x0 + size); x++) pred[y * width + x] = value;
  }

  if (opts.voidValue !== null) fillRect(pred, width, randomRect(rng, width, height, 0.03, 0.12), () => opts.voidValue!);
  const outside = Math.min(maxValue, numClasses + 5);
  if (numClasses <= maxValue) fillRect(pred, width, randomRect(rng, width, height, 0.02, 0.1), () => rng.int(numClasses, outside));
  return pred;
}

function fillRect(data: Uint8Array | Uint16Array, width: number, r: Rect, value: () => number): void {
  for (let y = r.y0; y < r.y1; y++) for (let x = r.x0; x < r.x1; x++) data[y * width + x] = value();
}
