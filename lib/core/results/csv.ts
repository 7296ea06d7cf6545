import type { JsonReport } from "./json-report";

/**
 * CSV exports of a results report, RFC 4180: CRLF line ends, a header row,
 * a field quoted (with doubled quotes) when it holds a comma, a quote, CR or
 * LF; an undefined value (null) is an empty field; numbers are written with
 * full precision (the shortest text that reads back as the same double).
 */

type Cell = string | number | null | undefined;

/** One field, quoted when needed. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A whole CSV document: the header, then one line per row, each ending in CRLF. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map(csvField).join(",")];
  for (const row of rows) lines.push(row.map(csvField).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** Per-class CSV: the report's class rows, one line per class. */
export function classResultsCsv(report: JsonReport): string {
  const header = ["index", "name", "iou", "dice", "precision", "recall", "boundaryIou", "tp", "fp", "fn"];
  return toCsv(
    header,
    report.classes.map((c) => [c.index, c.name, c.iou, c.dice, c.precision, c.recall, c.boundaryIou, c.tp, c.fp, c.fn]),
  );
}

/**
 * Per-image CSV: name, mIoU, mean Dice, pixel accuracy, then one `iou:<class>`
 * column per class. `tags` (by image name) adds a `tags` column, `;`-joined.
 */
export function imageResultsCsv(report: JsonReport, tags?: ReadonlyMap<string, readonly string[]>): string {
  const perImage = report.perImage ?? [];
  const header = ["name", ...(tags ? ["tags"] : []), "miou", "mdice", "pixelAccuracy", ...report.classes.map((c) => `iou:${c.name}`)];
  return toCsv(
    header,
    perImage.map((p) => [p.name, ...(tags ? [(tags.get(p.name) ?? []).join(";")] : []), p.miou, p.mdice, p.pixelAccuracy, ...p.iou]),
  );
}
