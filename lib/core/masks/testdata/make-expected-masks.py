"""Writes expected-masks.json: what PIL + numpy read from every shared dataset mask.

Run from the repository root with Debian's python (numpy and PIL):
    /usr/bin/python3 lib/core/masks/testdata/make-expected-masks.py
For each mask it stores the size, PIL mode, the SHA-256 of the label array
(row-major, uint8, or little-endian uint16) and the count of every value, so
the TypeScript decoder can be checked pixel for pixel without python at test time.
Palette masks are read as indices (np.asarray on mode "P"), never as colours.
"""
import hashlib
import json
import os
import sys

import numpy as np
from PIL import Image

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DATASETS = os.path.join(ROOT, "..", "shared", "datasets")
FOLDERS = [
    "camvid/val/masks",
    "camvid/train/masks",
    "isic2017_lesion/masks",
    "voc2012_palette/masks",
    "voc2012_palette/object_masks",
]


def describe(path):
    with Image.open(path) as img:
        mode = img.mode
        arr = np.asarray(img)
    if arr.ndim != 2:
        raise SystemExit(f"{path}: expected a single-channel mask, PIL mode {mode}")
    if arr.dtype == np.uint8:
        data = arr
    else:
        data = arr.astype("<u2")
    values, counts = np.unique(data, return_counts=True)
    return {
        "width": int(arr.shape[1]),
        "height": int(arr.shape[0]),
        "mode": mode,
        "dtype": "uint8" if data.dtype == np.uint8 else "uint16",
        "sha256": hashlib.sha256(np.ascontiguousarray(data).tobytes()).hexdigest(),
        "counts": {str(int(v)): int(c) for v, c in zip(values, counts)},
    }


def main():
    if not os.path.isdir(DATASETS):
        raise SystemExit(f"datasets folder not found: {DATASETS}")
    files = {}
    for folder in FOLDERS:
        full = os.path.join(DATASETS, folder)
        for name in sorted(os.listdir(full)):
            if name.endswith(".png"):
                files[f"{folder}/{name}"] = describe(os.path.join(full, name))
    out = {
        "generator": "lib/core/masks/testdata/make-expected-masks.py",
        "numpy": np.__version__,
        "pil": Image.__version__,
        "files": files,
    }
    target = os.path.join(os.path.dirname(__file__), "expected-masks.json")
    with open(target, "w") as fh:
        json.dump(out, fh, indent=1, sort_keys=True)
        fh.write("\n")
    print(f"wrote {len(files)} masks to {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
