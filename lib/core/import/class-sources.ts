import { AppError } from "@/lib/core/errors";
import { classNamesProblem } from "@/lib/core/classes/class-list";
import { hasPngSignature } from "@/lib/core/masks/png-chunks";
import type { PlanClass, Rgb } from "./plan";


/**
 * Parses a CVAT "Segmentation mask 1.1" `labelmap.txt`: one `name:r,g,b:parts:actions`
 * line per class, in index order, `#` lines are comments. Colours are what RGB
 * masks of that export use; the first label (usually "background") is class 0.
 */
export function parseLabelmap(text: string, fileName = "labelmap.txt"): PlanClass[] {
  const classes: PlanClass[] = [];
  const names = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const [name, color] = trimmed.split(":");
    const where = `${fileName} line ${i + 1}`;
    const rgb = (color ?? "").split(",").map((c) => Number(c.trim()));
    if (!name?.trim()) throw new AppError("invalid_input", `${where}: expected "name:r,g,b::", the name is empty.`);
    if (rgb.length !== 3 || rgb.some((c) => !Number.isInteger(c) || c < 0 || c > 255)) {
      throw new AppError("invalid_input", `${where}: expected "name:r,g,b::" with whole numbers 0..255, got "${trimmed}".`);
    }
    const key = name.trim().toLowerCase();
    if (names.has(key)) throw new AppError("invalid_input", `${where}: class "${name.trim()}" appears twice.`);
    const bad = classNamesProblem([name.trim()]);
    if (bad) throw new AppError("invalid_input", `${where}: ${bad.problem}`);
    names.add(key);
    classes.push({ index: classes.length, name: name.trim(), color: rgb as Rgb });
  });
  if (classes.length === 0) throw new AppError("invalid_input", `${fileName}: no labels found (expected lines "name:r,g,b::").`);
  return classes;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/**
 * The palette (PLTE entries) of a PNG, or null when it has none. Reads only
 * chunk headers until PLTE or IDAT, so it is cheap on any mask.
 */
export function readPngPalette(bytes: Uint8Array): Rgb[] | null {
  if (!hasPngSignature(bytes)) return null;
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]);
    if (type === "IDAT" || type === "IEND") return null;
    if (type === "PLTE") {
      const end = Math.min(at + 8 + length, bytes.length);
      const out: Rgb[] = [];
      for (let p = at + 8; p + 3 <= end; p += 3) out.push([bytes[p], bytes[p + 1], bytes[p + 2]]);
      return out;
    }
    at += 12 + length;
  }
  return null;
}

/**
 * Classes from a palette PNG: indices 0..maxValue (the largest value found
 * in the masks other than `voidValue`), coloured by the palette and named
 * "class <i>" for the user to rename in the mapping step.
 */
export function classesFromPalette(palette: readonly Rgb[], valuesFound: readonly number[], voidValue: number | null): PlanClass[] {
  const max = Math.max(0, ...valuesFound.filter((v) => v !== voidValue));
  return Array.from({ length: max + 1 }, (_, index) => ({ index, name: `class ${index}`, color: palette[index] ?? [0, 0, 0] }));
}

/** Generic classes "class 0".."class <max>" for values found when nothing names them; colours from `colorOf`. */
export function genericClasses(valuesFound: readonly number[], voidValue: number | null, colorOf: (i: number) => Rgb): PlanClass[] {
  const max = Math.max(0, ...valuesFound.filter((v) => v !== voidValue));
  return Array.from({ length: max + 1 }, (_, index) => ({ index, name: `class ${index}`, color: colorOf(index) }));
}
