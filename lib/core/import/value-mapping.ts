import { AppError } from "@/lib/core/errors";
import type { LabelMap } from "@/lib/core/masks";
import type { ValueMapping } from "./plan";

/** A mask value's fate: a class index, void, or -1 (undeclared: neither a class, nor void, nor mapped). */
export type ValueLut = Int32Array;

const VOID = -2;
const UNDECLARED = -1;
const MAX_LISTED = 10;

/**
 * The ignore index a normalized mask uses: the declared one, else 255 (or
 * 65535 past 255 classes) when anything maps to void, else null.
 */
export function resolveIgnoreIndex(numClasses: number, ignoreIndex: number | null, mapping: ValueMapping): number | null {
  if (ignoreIndex !== null) return ignoreIndex;
  if (!Object.values(mapping).includes("void")) return null;
  return numClasses <= 255 ? 255 : 65535;
}

/**
 * Builds the value -> class lookup (65536 entries) from the mapping; values
 * not in the mapping stay themselves when they are a class index, the
 * ignore index means void, anything else is undeclared. Mapping keys must be
 * whole numbers 0..65535 and targets class indices or "void".
 */
export function buildValueLut(mapping: ValueMapping, numClasses: number, ignoreIndex: number | null, source = "mapping"): ValueLut {
  const lut = new Int32Array(65536).fill(UNDECLARED);
  for (let v = 0; v < Math.min(numClasses, 65536); v++) lut[v] = v;
  if (ignoreIndex !== null && ignoreIndex >= 0 && ignoreIndex < 65536) lut[ignoreIndex] = VOID;
  for (const [key, target] of Object.entries(mapping)) {
    const value = Number(key);
    if (!/^\d+$/.test(key) || value > 65535) throw new AppError("invalid_input", `${source}: mask value "${key}" must be a whole number 0..65535.`);
    if (target === "void") lut[value] = VOID;
    else if (Number.isInteger(target) && target >= 0 && target < numClasses) lut[value] = target;
    else throw new AppError("invalid_input", `${source}: value ${key} maps to ${JSON.stringify(target)}, which is neither a class index 0..${numClasses - 1} nor "void".`);
  }
  return lut;
}

/** How the lookup treats one value: a class index, "void", or null (undeclared). */
export function lutTarget(lut: ValueLut, value: number): number | "void" | null {
  const t = lut[value];
  return t === VOID ? "void" : t === UNDECLARED ? null : t;
}

/**
 * Rewrites a decoded mask through the lookup: class values, void as
 * `ignoreIndex`. Undeclared values stop it with an AppError naming the file,
 * the values and their pixel counts. Returns 8-bit data when everything fits.
 */
export function applyValueLut(map: LabelMap, lut: ValueLut, ignoreIndex: number | null, fileName: string): LabelMap {
  const { data } = map;
  const wide = (ignoreIndex ?? 0) > 255 || lut.some((t) => t > 255);
  const out = wide ? new Uint16Array(data.length) : new Uint8Array(data.length);
  let bad = 0;
  for (let i = 0; i < data.length; i++) {
    const t = lut[data[i]];
    if (t >= 0) out[i] = t;
    else if (t === VOID && ignoreIndex !== null) out[i] = ignoreIndex;
    else bad++;
  }
  if (bad > 0) {
    const counts = countValues(data);
    const listed = [...counts].filter(([v]) => lut[v] === UNDECLARED || (lut[v] === VOID && ignoreIndex === null));
    const shown = listed.slice(0, MAX_LISTED).map(([v, n]) => `${v} (${n} px)`).join(", ");
    const more = listed.length > MAX_LISTED ? `, and ${listed.length - MAX_LISTED} more` : "";
    throw new AppError("invalid_input", `${fileName}: undeclared mask values ${shown}${more}; map them to a class or to void.`);
  }
  return { width: map.width, height: map.height, data: out };
}

/** Value -> pixel count of one mask, ascending by value. */
export function countValues(data: Uint8Array | Uint16Array): [number, number][] {
  const counts = new Float64Array(data instanceof Uint8Array ? 256 : 65536);
  for (let i = 0; i < data.length; i++) counts[data[i]]++;
  const out: [number, number][] = [];
  for (let v = 0; v < counts.length; v++) if (counts[v] > 0) out.push([v, counts[v]]);
  return out;
}
