import { AppError } from "@/lib/core/errors";
import type { LabelMap } from "./types";

export interface LabelCheck {
  numClasses: number;
  ignoreValues?: readonly number[];
  fileName?: string;
  role?: "ground truth" | "prediction";
}

const MAX_LISTED = 10;

/**
 * Throws AppError("invalid_input") naming the file, the bad values (ascending,
 * up to 10) and their pixel counts when a value is neither < numClasses nor an
 * ignore value, e.g. `pred/0007.png: prediction has values outside the 11
 * classes: 12 (340 px), 200 (7 px)`. One pass with a lookup table; the
 * histogram is only built when something is wrong.
 */
export function checkLabelValues(map: LabelMap, check: LabelCheck): void {
  const { numClasses } = check;
  const fileName = check.fileName ?? "label map";
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new AppError("invalid_input", `${fileName}: the number of classes must be a positive integer, got ${numClasses}`);
  }
  const data = map.data;
  const size = data instanceof Uint8Array ? 256 : 65536;
  const valid = new Uint8Array(size);
  valid.fill(1, 0, Math.min(numClasses, size));
  for (const v of check.ignoreValues ?? []) if (Number.isInteger(v) && v >= 0 && v < size) valid[v] = 1;
  let bad = 0;
  for (let i = 0; i < data.length; i++) bad += valid[data[i]] ^ 1;
  if (bad === 0) return;

  const counts = new Float64Array(size);
  for (let i = 0; i < data.length; i++) counts[data[i]]++;
  const listed: string[] = [];
  let badValues = 0;
  for (let v = 0; v < size; v++) {
    if (counts[v] === 0 || valid[v]) continue;
    badValues++;
    if (listed.length < MAX_LISTED) listed.push(`${v} (${counts[v]} px)`);
  }
  const more = badValues > MAX_LISTED ? `, and ${badValues - MAX_LISTED} more values` : "";
  const who = check.role ?? "label map";
  const classes = numClasses === 1 ? "1 class" : `${numClasses} classes`;
  throw new AppError("invalid_input", `${fileName}: ${who} has values outside the ${classes}: ${listed.join(", ")}${more}`);
}

/** Throws AppError("invalid_input") when sizes differ, naming both files and both sizes (width x height). */
export function checkSameSize(
  a: { width: number; height: number },
  b: { width: number; height: number },
  aName: string,
  bName: string,
): void {
  if (a.width === b.width && a.height === b.height) return;
  throw new AppError(
    "invalid_input",
    `${bName}: size ${b.width}x${b.height} differs from ${aName} (${a.width}x${a.height}); both must have the same size`,
  );
}
