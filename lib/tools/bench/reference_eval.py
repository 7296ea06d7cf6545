#!/usr/bin/python3
"""Independent numpy + Pillow reference of `intersect evaluate`.

Used two ways: `npm run bench` times it against the CLI, and lib/tools/cli/cli.test.ts
compares every number of the CLI's JSON with this script's JSON (to 1e-9).

Same rules as DESIGN.md: one confusion matrix summed over all images (rows =
ground truth, columns = prediction, plus a spill column for predicted labels
outside 0..n-1, the ignore value included); ground-truth pixels equal to the
ignore index are dropped; other ground-truth values >= n are an error.
TP = C[k,k], FP = column sum - TP, FN = row sum (with spill) - TP; ratios with
a zero denominator are null and left out of means.

Usage: reference_eval.py --gt DIR --pred DIR --num-classes N [--ignore-index N]
Prints one JSON object on stdout; exits 1 with a message on stderr on bad data.
"""
import argparse
import json
import math
import os
import sys

import numpy as np
from PIL import Image


def ratio(num, den):
    """Elementwise num/den as floats, NaN where den == 0."""
    num = num.astype(np.float64)
    den = den.astype(np.float64)
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=den > 0)
    return out


def nan_mean(values):
    finite = [v for v in values if not math.isnan(v)]
    return math.fsum(finite) / len(finite) if finite else float("nan")


def scores(cm, n):
    """Per-class and mean scores of an n x (n+1) confusion matrix."""
    tp = np.diag(cm[:, :n])
    fp = cm[:, :n].sum(axis=0) - tp
    fn = cm.sum(axis=1) - tp
    iou = ratio(tp, tp + fp + fn)
    dice = ratio(2 * tp, 2 * tp + fp + fn)
    total = cm.sum()
    return {
        "tp": tp, "fp": fp, "fn": fn, "iou": iou, "dice": dice,
        "precision": ratio(tp, tp + fp), "recall": ratio(tp, tp + fn),
        "miou": nan_mean(iou.tolist()), "mdice": nan_mean(dice.tolist()),
        "pixelAccuracy": float(tp.sum()) / float(total) if total > 0 else float("nan"),
    }


def load(path):
    img = Image.open(path)
    if img.mode not in ("L", "P", "I;16", "I", "1"):
        raise SystemExit(f"{path}: mode {img.mode} is not a single-channel label map")
    return np.asarray(img)


def png_files(folder):
    """name without extension -> path, for the .png files directly inside folder."""
    return {f[:-4]: os.path.join(folder, f) for f in os.listdir(folder)
            if f.lower().endswith(".png") and os.path.isfile(os.path.join(folder, f))}


def nan_to_none(value):
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(float(value)) else float(value)
    if isinstance(value, dict):
        return {k: nan_to_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nan_to_none(v) for v in value]
    return value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gt", required=True)
    parser.add_argument("--pred", required=True)
    parser.add_argument("--num-classes", type=int, required=True)
    parser.add_argument("--ignore-index", type=int, default=None)
    args = parser.parse_args()
    n = args.num_classes

    gt_files = png_files(args.gt)
    pred_files = png_files(args.pred)
    names = sorted(gt_files)
    if names != sorted(pred_files):
        raise SystemExit("ground-truth and prediction file names differ")
    total = np.zeros((n, n + 1), dtype=np.int64)
    per_image = []
    for name in names:
        gt = load(gt_files[name]).astype(np.int64).ravel()
        pred = load(pred_files[name]).astype(np.int64).ravel()
        if gt.shape != pred.shape:
            raise SystemExit(f"{name}: sizes differ")
        if args.ignore_index is not None:
            keep = gt != args.ignore_index
            gt = gt[keep]
            pred = pred[keep]
        if gt.size and (gt.max() >= n or gt.min() < 0):
            raise SystemExit(f"{name}: ground truth holds values outside 0..{n - 1}")
        pred = np.where((pred >= 0) & (pred < n), pred, n)
        cm = np.bincount(gt * (n + 1) + pred, minlength=n * (n + 1)).reshape(n, n + 1)
        total += cm
        s = scores(cm, n)
        per_image.append({"name": name, "miou": s["miou"], "mdice": s["mdice"], "pixelAccuracy": s["pixelAccuracy"], "iou": s["iou"].tolist()})

    s = scores(total, n)
    out = {
        "images": len(names),
        "numClasses": n,
        "ignoreIndex": args.ignore_index,
        "classes": [
            {"index": k, "iou": s["iou"][k], "dice": s["dice"][k], "precision": s["precision"][k], "recall": s["recall"][k],
             "tp": int(s["tp"][k]), "fp": int(s["fp"][k]), "fn": int(s["fn"][k])}
            for k in range(n)
        ],
        "miou": s["miou"],
        "mdice": s["mdice"],
        "pixelAccuracy": s["pixelAccuracy"],
        "perImageMiou": nan_mean([p["miou"] for p in per_image]),
        "confusion": total[:, :n].tolist(),
        "invalidPredictions": total[:, n].tolist(),
        "perImage": per_image,
    }
    sys.stdout.write(json.dumps(nan_to_none(out), allow_nan=False) + "\n")


if __name__ == "__main__":
    main()
