#!/usr/bin/env python3
# Regenerate (from the repo root; needs numpy and PIL, e.g. Debian's python3-numpy python3-pil):
#   /usr/bin/python3 lib/core/metrics/golden/camvid_golden.py ../shared/datasets/camvid/val/masks lib/core/metrics/golden/camvid-golden.json
"""Independent numpy reference for lib/core/metrics, pinned on CamVid val.

Reads the 101 CamVid val masks with PIL, applies the deterministic
perturbation documented in lib/core/metrics/golden/perturb.ts (re-implemented here
with integer numpy arithmetic), and computes every metric of lib/core/metrics with
its own code: confusion matrices with np.bincount, per-class boundaries with
the official mask_to_boundary recipe (zero padding + repeated 3x3 erosion,
written with numpy shifts), and the percentile bootstrap with a Python port of
mulberry32 and np.nanpercentile. It never imports or runs our TypeScript.
"""
import json
import os
import sys

import numpy as np
from PIL import Image

N = 11          # CamVid classes 0..10
VOID = 11       # ignore index
THRESHOLD = 0.5
RATIO = 0.02
RESAMPLES = 1000
SEED = 0
CONFIDENCE = 0.95


def perturb(gt, i):
    """(evaluation gt, prediction) for image i of the name-sorted list; see perturb.ts."""
    h, w = gt.shape
    g = gt.astype(np.int64)
    eval_gt = g.copy()
    erase = (i * 7) % 11 if i % 4 == 1 else -1
    if erase >= 0:
        eval_gt[g == erase] = VOID
    dx = i % 5 - 2
    dy = (i * 3) % 5 - 2
    ys = np.clip(np.arange(h) - dy, 0, h - 1)
    xs = np.clip(np.arange(w) - dx, 0, w - 1)
    pred = g[ys][:, xs].copy()
    if i % 3 == 0:
        a, b, half = i % 11, (i + 4) % 11, w >> 1
        left = pred[:, :half]
        is_a, is_b = left == a, left == b
        left[is_a] = b
        left[is_b] = a
    yy, xx = np.mgrid[0:h, 0:w]
    noise = (31 * xx + 17 * yy + 13 * i) % 97 == 0
    pred[noise] = (pred[noise] + 1 + xx[noise] % 3) % 12
    if i % 2 == 0:
        x0, y0 = (37 * i) % 400, (53 * i) % 300
        pred[y0:y0 + 40, x0:x0 + 60] = 11
    if i % 5 == 2:
        x0, y0 = (71 * i) % 420, (29 * i) % 320
        pred[y0:y0 + 30, x0:x0 + 50] = 200
    if erase >= 0:
        pred[pred == erase] = (erase + 1) % 11
    return eval_gt, pred


def second_prediction(gt, i):
    """The second evaluation for the paired bootstrap; see secondPredictionCamvid in perturb.ts."""
    h, w = gt.shape
    dx = i % 3 - 1
    dy = (i * 2) % 3 - 1
    ys = np.clip(np.arange(h) - dy, 0, h - 1)
    xs = np.clip(np.arange(w) - dx, 0, w - 1)
    pred = gt.astype(np.int64)[ys][:, xs].copy()
    if i % 2 == 1:
        c = i % 11
        pred[pred == c] = (c + 5) % 11
    return pred


def confusion(gt, pred):
    """N x (N+1) counts; void gt dropped; predictions outside 0..N-1 (void included) in column N."""
    keep = gt != VOID
    g = gt[keep]
    p = pred[keep]
    p = np.where((p < 0) | (p >= N), N, p)
    return np.bincount(g * (N + 1) + p, minlength=N * (N + 1)).reshape(N, N + 1).astype(np.int64)


def div(a, b):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    return np.divide(a, b, out=np.full(a.shape, np.nan), where=b != 0)


def scores(c):
    tp = np.diag(c[:, :N]).astype(np.float64)
    row = c.sum(axis=1).astype(np.float64)
    col = c[:, :N].sum(axis=0).astype(np.float64)
    fp, fn = col - tp, row - tp
    iou = div(tp, tp + fp + fn)
    dice = div(2 * tp, 2 * tp + fp + fn)
    precision = div(tp, tp + fp)
    recall = div(tp, tp + fn)
    total = row.sum()
    freq = row / total if total > 0 else np.zeros(N)
    defined = ~np.isnan(iou)
    mean = lambda v: float(np.nanmean(v)) if (~np.isnan(v)).any() else float("nan")
    return {
        "perClass": [
            {"index": k, "iou": iou[k], "dice": dice[k], "precision": precision[k], "recall": recall[k],
             "tp": tp[k], "fp": fp[k], "fn": fn[k], "gtPixels": row[k], "predPixels": col[k]}
            for k in range(N)
        ],
        "miou": mean(iou),
        "mdice": mean(dice),
        "pixelAccuracy": float(tp.sum() / total) if total > 0 else float("nan"),
        "meanClassAccuracy": mean(recall),
        "fwIou": float((freq[defined] * iou[defined]).sum()) if total > 0 else float("nan"),
        "evaluatedPixels": float(total),
        "invalidPredictions": [float(v) for v in c[:, N]],
    }


def erode3(m):
    """One 3x3 erosion; outside the array counts as 1 (cv2.erode's default border)."""
    h, w = m.shape
    p = np.pad(m, 1, constant_values=1)
    out = np.ones_like(m)
    for dy in range(3):
        for dx in range(3):
            out &= p[dy:dy + h, dx:dx + w]
    return out


def mask_to_boundary(mask, ratio=RATIO):
    """Official Boundary IoU recipe (Cheng et al. 2021)."""
    h, w = mask.shape
    d = max(1, int(round(ratio * np.sqrt(h ** 2 + w ** 2))))
    new = np.pad(mask, 1, constant_values=0)
    for _ in range(d):
        new = erode3(new)
    return mask & (1 - new[1:h + 1, 1:w + 1])


def boundary_counts(gt, pred):
    keep = gt != VOID
    inter = np.zeros(N, dtype=np.int64)
    union = np.zeros(N, dtype=np.int64)
    for k in range(N):
        gb = mask_to_boundary((gt == k).astype(np.uint8)).astype(bool)
        pb = mask_to_boundary((pred == k).astype(np.uint8)).astype(bool)
        inter[k] = np.count_nonzero(gb & pb & keep)
        union[k] = np.count_nonzero((gb | pb) & keep)
    return inter, union


def mulberry32(seed):
    state = [seed & 0xFFFFFFFF]

    def nxt():
        state[0] = (state[0] + 0x6D2B79F5) & 0xFFFFFFFF
        t = state[0]
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF
        return (t ^ (t >> 14)) & 0xFFFFFFFF

    return nxt


def per_image_stats(cms):
    """Per image: tp[k], rowsum[k] (spill included), colsum[k] as int64 arrays (images x N)."""
    tp = np.array([np.diag(c[:, :N]) for c in cms], dtype=np.int64)
    row = np.array([c.sum(axis=1) for c in cms], dtype=np.int64)
    col = np.array([c[:, :N].sum(axis=0) for c in cms], dtype=np.int64)
    return tp, row, col


def iou_of(tp, row, col):
    union = row + col - tp
    return div(tp, union)


def miou_of(iou):
    return float(np.nanmean(iou)) if (~np.isnan(iou)).any() else float("nan")


def draws(n, resamples, seed):
    nxt = mulberry32(seed)
    for _ in range(resamples):
        idx = [(nxt() * n) >> 32 for _ in range(n)]
        yield np.bincount(idx, minlength=n).astype(np.int64)


def bootstrap(cms):
    tp, row, col = per_image_stats(cms)
    est = iou_of(tp.sum(0), row.sum(0), col.sum(0))
    mious, classes = [], []
    for m in draws(len(cms), RESAMPLES, SEED):
        iou = iou_of(m @ tp, m @ row, m @ col)
        mious.append(miou_of(iou))
        classes.append(iou)
    classes = np.array(classes)
    lo, hi = (1 - CONFIDENCE) / 2 * 100, (1 + CONFIDENCE) / 2 * 100
    interval = lambda e, v: {"estimate": float(e), "low": float(np.nanpercentile(v, lo)), "high": float(np.nanpercentile(v, hi))}
    return {
        "resamples": RESAMPLES, "seed": SEED, "confidence": CONFIDENCE,
        "miou": interval(miou_of(est), np.array(mious)),
        "perClass": [interval(est[k], classes[:, k]) for k in range(N)],
    }


def paired(cms_a, cms_b):
    sa, sb = per_image_stats(cms_a), per_image_stats(cms_b)
    est = miou_of(iou_of(*(s.sum(0) for s in sb))) - miou_of(iou_of(*(s.sum(0) for s in sa)))
    diffs = []
    for m in draws(len(cms_a), RESAMPLES, SEED):
        diffs.append(miou_of(iou_of(*(m @ s for s in sb))) - miou_of(iou_of(*(m @ s for s in sa))))
    diffs = np.array(diffs)
    kept = diffs[~np.isnan(diffs)]
    # a resample counts as a sign flip unless its difference has strictly the estimate's sign
    flips = np.count_nonzero(~(np.sign(kept) == np.sign(est)) | (kept == 0))
    lo, hi = (1 - CONFIDENCE) / 2 * 100, (1 + CONFIDENCE) / 2 * 100
    return {"estimate": est, "low": float(np.nanpercentile(diffs, lo)), "high": float(np.nanpercentile(diffs, hi)),
            "signFlipShare": flips / len(kept), "resamples": RESAMPLES, "seed": SEED}


def clean(v):
    if isinstance(v, dict):
        return {k: clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return None if np.isnan(f) or np.isinf(f) else f
    return v


def main():
    mask_dir, out_path = sys.argv[1], sys.argv[2]
    names = sorted(f for f in os.listdir(mask_dir) if f.endswith(".png"))
    cms, cms_b, per_image = [], [], []
    inter_sum = np.zeros(N, dtype=np.int64)
    union_sum = np.zeros(N, dtype=np.int64)
    for i, name in enumerate(names):
        gt = np.array(Image.open(os.path.join(mask_dir, name)))
        assert gt.ndim == 2 and gt.dtype == np.uint8, name
        eval_gt, pred = perturb(gt, i)
        c = confusion(eval_gt, pred)
        cms.append(c)
        cms_b.append(confusion(eval_gt, second_prediction(gt, i)))
        s = scores(c)
        per_image.append({"name": name, "miou": s["miou"], "mdice": s["mdice"], "pixelAccuracy": s["pixelAccuracy"],
                          "perClassIou": [pc["iou"] for pc in s["perClass"]]})
        inter, union = boundary_counts(eval_gt, pred)
        inter_sum += inter
        union_sum += union
    ious = np.array([p["perClassIou"] for p in per_image], dtype=np.float64)
    present = np.array([[c[k].sum() + c[:N, k].sum() - c[k, k] > 0 for k in range(N)] for c in cms])
    correct = (ious >= THRESHOLD) & present
    b_iou = div(inter_sum, union_sum)
    result = {
        "description": "lib/core/metrics golden values on CamVid val with the perturbation of perturb.ts; computed by camvid_golden.py (numpy)",
        "numClasses": N,
        "ignoreValues": [VOID],
        "images": names,
        "datasetLevel": scores(sum(cms)),
        "perImageMean": {
            "miou": float(np.nanmean([p["miou"] for p in per_image])),
            "mdice": float(np.nanmean([p["mdice"] for p in per_image])),
            "pixelAccuracy": float(np.nanmean([p["pixelAccuracy"] for p in per_image])),
            "perClassIou": [float(np.nanmean(ious[:, k])) for k in range(N)],
        },
        "perImage": per_image,
        "threshold": {
            "t": THRESHOLD, "correct": int(correct.sum()), "total": int(present.sum()),
            "share": float(correct.sum() / present.sum()),
            "perClass": [{"correct": int(correct[:, k].sum()), "total": int(present[:, k].sum())} for k in range(N)],
        },
        "imagesPresent": [int(sum(c[k].sum() > 0 for c in cms)) for k in range(N)],
        "boundary": {"intersection": inter_sum.tolist(), "union": union_sum.tolist(),
                     "perClass": b_iou.tolist(), "mean": miou_of(b_iou)},
        "bootstrap": bootstrap(cms),
        "paired": paired(cms, cms_b),
    }
    with open(out_path, "w") as f:
        json.dump(clean(result), f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
