import { AppError } from "@/lib/core/errors";
import type { AccumulateOptions } from "./confusion";
import { checkNumClasses } from "./validate";
import { buildPlan, type CellPlan } from "./kernel";

/**
 * A small cache of counting plans (value -> cell tables plus a scratch
 * buffer), keyed by the accumulate options' contents. Building one costs
 * well under a millisecond; a dataset reuses one plan for every image. Keys compare
 * copies of the ignore list and the luts, so mutating a lut between calls is
 * safe.
 */
interface CacheEntry {
  numClasses: number;
  ignore: number[];
  gtLut: Int32Array | null;
  predLut: Int32Array | null;
  plan: CellPlan;
}

const MAX_ENTRIES = 8;
const entries: CacheEntry[] = [];

function sameNumbers(a: ArrayLike<number> | null, b: ArrayLike<number> | null | undefined): boolean {
  if (a === null || b === null || b === undefined) return a === null && (b === null || b === undefined);
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function checkOptions(opts: AccumulateOptions): void {
  checkNumClasses(opts.numClasses, "accumulate");
  for (const v of opts.ignoreValues ?? []) {
    if (!Number.isInteger(v)) throw new AppError("invalid_input", `accumulate: ignore value ${v} is not an integer`);
  }
}

/** The plan for these options (cached). */
export function planFor(opts: AccumulateOptions): CellPlan {
  const ignore = opts.ignoreValues ?? [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (
      e.numClasses === opts.numClasses &&
      sameNumbers(e.ignore, ignore) &&
      sameNumbers(e.gtLut, opts.gtLut) &&
      sameNumbers(e.predLut, opts.predLut)
    ) {
      if (i > 0) {
        entries.splice(i, 1);
        entries.unshift(e);
      }
      return e.plan;
    }
  }
  checkOptions(opts);
  const entry: CacheEntry = {
    numClasses: opts.numClasses,
    ignore: [...ignore],
    gtLut: opts.gtLut ? Int32Array.from(opts.gtLut) : null,
    predLut: opts.predLut ? Int32Array.from(opts.predLut) : null,
    plan: buildPlan(opts.numClasses, ignore, opts.gtLut ?? null, opts.predLut ?? null),
  };
  entries.unshift(entry);
  if (entries.length > MAX_ENTRIES) entries.pop();
  return entry.plan;
}
