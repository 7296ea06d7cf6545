/**
 * The deterministic perturbation behind the CamVid golden test and the kernel
 * benchmark: turns one ground-truth mask into (evaluation ground truth,
 * prediction) using integer arithmetic only, so that
 * golden/camvid_golden.py re-implements it exactly. `index` is the image's
 * position in the name-sorted file list. CamVid: classes 0..10, void 11.
 *
 * 1. erase (index % 4 == 1): class e = (index * 7) % 11 becomes void in the
 *    evaluation ground truth (so per-image IoU of e is undefined);
 * 2. shift: pred(x, y) = gt(clamp(x - dx), clamp(y - dy)),
 *    dx = index % 5 - 2, dy = (index * 3) % 5 - 2;
 * 3. swap (index % 3 == 0): classes a = index % 11 and b = (index + 4) % 11
 *    trade places in the left half (x < width >> 1);
 * 4. noise: where (31x + 17y + 13 index) % 97 == 0, pred = (pred + 1 + x % 3) % 12
 *    (12 wraps to 0; 11 is a predicted void -> spill);
 * 5. void block (index % 2 == 0): 60 x 40 at x0 = (37 index) % 400, y0 = (53 index) % 300 set to 11;
 * 6. out-of-range block (index % 5 == 2): 50 x 30 at x0 = (71 index) % 420, y0 = (29 index) % 320 set to 200;
 * 7. erase in the prediction too (index % 4 == 1): pred == e becomes (e + 1) % 11.
 */
export function perturbCamvid(
  gt: Uint8Array,
  width: number,
  height: number,
  index: number,
): { gt: Uint8Array; pred: Uint8Array } {
  const evalGt = Uint8Array.from(gt);
  const erase = index % 4 === 1 ? (index * 7) % 11 : -1;
  if (erase >= 0) for (let i = 0; i < evalGt.length; i++) if (evalGt[i] === erase) evalGt[i] = 11;
  const dx = (index % 5) - 2;
  const dy = ((index * 3) % 5) - 2;
  const pred = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(height - 1, Math.max(0, y - dy));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(width - 1, Math.max(0, x - dx));
      pred[y * width + x] = gt[sy * width + sx];
    }
  }
  if (index % 3 === 0) {
    const a = index % 11;
    const b = (index + 4) % 11;
    const half = width >> 1;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < half; x++) {
        const v = pred[y * width + x];
        if (v === a) pred[y * width + x] = b;
        else if (v === b) pred[y * width + x] = a;
      }
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((31 * x + 17 * y + 13 * index) % 97 === 0) pred[y * width + x] = (pred[y * width + x] + 1 + (x % 3)) % 12;
    }
  }
  if (index % 2 === 0) fillBlock(pred, width, height, (37 * index) % 400, (53 * index) % 300, 60, 40, 11);
  if (index % 5 === 2) fillBlock(pred, width, height, (71 * index) % 420, (29 * index) % 320, 50, 30, 200);
  if (erase >= 0) {
    const to = (erase + 1) % 11;
    for (let i = 0; i < pred.length; i++) if (pred[i] === erase) pred[i] = to;
  }
  return { gt: evalGt, pred };
}

function fillBlock(a: Uint8Array, w: number, h: number, x0: number, y0: number, bw: number, bh: number, v: number): void {
  for (let y = y0; y < Math.min(h, y0 + bh); y++) {
    for (let x = x0; x < Math.min(w, x0 + bw); x++) a[y * w + x] = v;
  }
}

/**
 * A second prediction for the paired-bootstrap golden values, about as good
 * as the first: shift by dx = index % 3 - 1, dy = (index * 2) % 3 - 1 (edge
 * clamped), and on odd images class c = index % 11 predicted as (c + 5) % 11.
 */
export function secondPredictionCamvid(gt: Uint8Array, width: number, height: number, index: number): Uint8Array {
  const dx = (index % 3) - 1;
  const dy = ((index * 2) % 3) - 1;
  const pred = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(height - 1, Math.max(0, y - dy));
    for (let x = 0; x < width; x++) pred[y * width + x] = gt[sy * width + Math.min(width - 1, Math.max(0, x - dx))];
  }
  if (index % 2 === 1) {
    const c = index % 11;
    for (let i = 0; i < pred.length; i++) if (pred[i] === c) pred[i] = (c + 5) % 11;
  }
  return pred;
}
