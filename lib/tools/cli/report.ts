import { metricContract, nanToNull, type MetricContract } from "@/lib/core/metrics";
import type { Evaluation } from "./evaluate";

/** One class row of the JSON output; undefined ratios are null. */
export interface ClassRow {
  index: number;
  name: string;
  iou: number | null;
  dice: number | null;
  precision: number | null;
  recall: number | null;
  tp: number;
  fp: number;
  fn: number;
  boundaryIou: number | null;
}

/** The JSON document `intersect evaluate --format json` prints (key order is part of the contract). */
export interface JsonReport {
  images: number;
  numClasses: number;
  ignoreIndex: number | null;
  classes: ClassRow[];
  miou: number | null;
  mdice: number | null;
  pixelAccuracy: number | null;
  perImageMiou: number | null;
  confusion: number[][];
  invalidPredictions: number[];
  contract: MetricContract;
  perImage?: { name: string; miou: number | null; mdice: number | null; pixelAccuracy: number | null; iou: (number | null)[] }[];
}

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Builds the JSON report; perImage adds one entry per image, ordered by name. */
export function toJsonReport(evaluation: Evaluation, opts: { perImage: boolean }): JsonReport {
  const { classes, scores } = evaluation;
  const ignoreValues = classes.ignoreIndex === null ? [] : [classes.ignoreIndex];
  const report: JsonReport = {
    images: evaluation.images,
    numClasses: classes.names.length,
    ignoreIndex: classes.ignoreIndex,
    classes: scores.perClass.map((c, k) => ({
      index: k,
      name: classes.names[k],
      iou: orNull(c.iou),
      dice: orNull(c.dice),
      precision: orNull(c.precision),
      recall: orNull(c.recall),
      tp: c.tp,
      fp: c.fp,
      fn: c.fn,
      boundaryIou: orNull(evaluation.boundaryIou[k]),
    })),
    miou: orNull(scores.miou),
    mdice: orNull(scores.mdice),
    pixelAccuracy: orNull(scores.pixelAccuracy),
    perImageMiou: orNull(evaluation.perImageMiou),
    confusion: evaluation.confusion,
    invalidPredictions: [...scores.invalidPredictions],
    contract: nanToNull(metricContract({ ignoreValues })) as MetricContract,
  };
  if (opts.perImage) {
    report.perImage = evaluation.perImage.map((p) => ({
      name: p.name,
      miou: orNull(p.miou),
      mdice: orNull(p.mdice),
      pixelAccuracy: orNull(p.pixelAccuracy),
      iou: p.iou.map(orNull),
    }));
  }
  return report;
}

const DASH = "—";
const ratio = (v: number | null): string => (v === null ? DASH : v.toFixed(4));

/** Pads every column to its widest cell; text columns left-aligned, numbers right-aligned. */
function alignColumns(rows: string[][], rightAligned: readonly boolean[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => [...r[c]].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => {
        const pad = " ".repeat(widths[c] - [...cell].length);
        return rightAligned[c] ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd(),
  );
}

/**
 * Human-readable report: one aligned row per class (ratios with 4 decimals,
 * "—" when undefined), the summary and the metric contract in a few lines.
 */
export function formatTable(report: JsonReport): string {
  const header = ["#", "Class", "IoU", "Dice", "Precision", "Recall", "Boundary IoU", "TP", "FP", "FN"];
  const rows = report.classes.map((c) => [
    String(c.index),
    c.name,
    ratio(c.iou),
    ratio(c.dice),
    ratio(c.precision),
    ratio(c.recall),
    ratio(c.boundaryIou),
    String(c.tp),
    String(c.fp),
    String(c.fn),
  ]);
  const right = header.map((_, i) => i !== 1);
  const invalid = report.invalidPredictions.reduce((a, b) => a + b, 0);
  const contract = report.contract;
  const lines = [
    ...alignColumns([header, ...rows], right),
    "",
    `Images: ${report.images}   Classes: ${report.numClasses}   Ignore index: ${report.ignoreIndex ?? "none"}`,
    `mIoU: ${ratio(report.miou)}   mean Dice: ${ratio(report.mdice)}   pixel accuracy: ${ratio(report.pixelAccuracy)}   per-image mean mIoU: ${ratio(report.perImageMiou)}`,
    `Predictions outside the class list: ${invalid} pixel(s), counted as wrong`,
    "",
    `Contract: ${contract.aggregation} aggregation (also reported: ${contract.alsoReported}); void values: ${contract.voidValues.length > 0 ? contract.voidValues.join(", ") : "none"}`,
    `  Absent classes: ${contract.absentClassRule}`,
    `  Invalid predictions: ${contract.invalidPredictionRule}`,
    `  Boundary: ${contract.boundary.method}`,
  ];
  if (report.perImage) {
    lines.push("", ...alignColumns([["Image", "mIoU", "mean Dice", "Pixel acc."], ...report.perImage.map((p) => [p.name, ratio(p.miou), ratio(p.mdice), ratio(p.pixelAccuracy)])], [false, true, true, true]));
  }
  return lines.join("\n") + "\n";
}
