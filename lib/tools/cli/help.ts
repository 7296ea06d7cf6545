import { BOUNDARY_WEIGHT, SMALL_JOB_MPX } from "./execution";

/** Usage text printed by `intersect --help`. */
export const USAGE = `Usage: npm run -s intersect -- evaluate --gt DIR --pred DIR (--classes FILE | --num-classes N) [options]

Evaluates predicted segmentation masks against ground-truth masks: per-class IoU,
Dice, precision, recall, boundary IoU, TP/FP/FN, mIoU, mean Dice, pixel accuracy
and the confusion matrix, accumulated over the whole dataset.

Pairing: DIR/<name>.png in --gt pairs with DIR/<name>.png in --pred (name without
extension). Only .png files directly inside each folder count: other files are
ignored and subfolders are not searched. A mask without a partner is an error.

Masks: 8/16-bit grey or palette PNGs hold class indices; RGB(A) masks are decoded
through the class colours of --classes.

Options:
  --gt DIR            folder of ground-truth masks (required)
  --pred DIR          folder of predicted masks (required)
  --classes FILE      JSON: ["road", "car", ...] in index order, or
                      {"classes": [{"name": "road", "color": [128, 64, 128]}, ...],
                       "ignore_index": 255, "void": {"color": "#000000"}}
                      (color as [r, g, b] or "#rrggbb"; all classes or none;
                      unique names; a dataset's classes.json works as is)
  --num-classes N     number of classes, named "class 0".."class N-1" without --classes
  --ignore-index N    ground-truth value that counts nowhere (overrides the file's)
  --per-image         add per-image mIoU, mean Dice, pixel accuracy and IoU
  --no-boundary       skip boundary IoU (null in the output); much faster on large masks
  --format json|table json (default) or a readable table
  -h, --help          show this help

Rules: ground-truth values outside the class list (other than the ignore index)
are an error. Predicted values outside the class list are counted as wrong and
reported in "invalidPredictions". Undefined ratios (zero denominator) are null
in JSON, "—" in the table, and left out of means.

Environment: INTERSECT_CLI_THREADS=N threads, the main thread and N - 1 worker
threads (default one per core); INTERSECT_CLI_SMALL_JOB_MPX=M jobs below M
megapixels run on the main thread alone (default ${SMALL_JOB_MPX}; pixels count ${BOUNDARY_WEIGHT}x
with boundary IoU; 0 = always use the pool). Results are the same
either way.

Exit codes: 0 success, 1 data error (file named), 2 usage error.
`;
