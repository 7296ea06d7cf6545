import { metricContract, nanToNull, type MetricContract } from "@/lib/core/metrics";
import { buildJsonReport, type JsonReport } from "@/lib/core/results/json-report";
import type { Evaluation } from "./evaluate";

export type { ClassRow, JsonReport } from "@/lib/core/results/json-report";

/** Builds the JSON report (lib/core/results/json-report.ts, shared with the REST API); perImage adds one entry per image, ordered by name. */
export function toJsonReport(evaluation: Evaluation, opts: { perImage: boolean }): JsonReport {
  const { classes, scores } = evaluation;
  const ignoreValues = classes.ignoreIndex === null ? [] : [classes.ignoreIndex];
  return buildJsonReport({
    images: evaluation.images,
    classNames: classes.names,
    ignoreIndex: classes.ignoreIndex,
    scores,
    confusion: evaluation.confusion,
    boundaryIou: evaluation.boundaryIou,
    perImageMiou: evaluation.perImageMiou,
    contract: nanToNull(metricContract({ ignoreValues })) as MetricContract,
    perImage: opts.perImage ? evaluation.perImage : undefined,
  });
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
