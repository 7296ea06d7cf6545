import { AppError } from "@/lib/core/errors";
import { controlCharacterIn, quoted } from "@/lib/core/text/control-characters";

/** An sRGB colour, each channel a whole number 0..255. */
export type Rgb = [number, number, number];

/** A class as parsed from a classes file; the same shape as the stored class entry (lib/contracts/classes). */
export interface ClassDef {
  index: number;
  name: string;
  color: Rgb;
}

export interface ClassList {
  classes: ClassDef[];
  /** Ground-truth value that counts nowhere (void), or null. */
  ignoreIndex: number | null;
  /** True when the file gave colours (so RGB colour masks can be decoded). */
  hasColors: boolean;
  /** Indices of the classes listed without a colour (they carry the default palette colour); every index for a plain list of names. */
  missingColors: number[];
  /**
   * The file's optional `void` entry (CamVid and VOC `classes.json` have one):
   * the void label and the colour void pixels have in RGB masks. Not folded
   * into ignoreIndex; callers decide whether `void.index` stands in for it.
   */
  voidEntry: { index: number | null; color: Rgb | null } | null;
}

/** Largest label a 16-bit PNG can hold. */
const MAX_LABEL = 65535;
const SHAPE = 'expected a JSON array of class names or {"classes": [{"name", "color"?}], "ignore_index"?}';
const COLOR_RULE = 'colours must be [r, g, b] with whole numbers 0..255 or "#rrggbb"';

/**
 * A deterministic, well-spread default palette (used when a classes file
 * gives names only): golden-angle hues, so a class keeps its colour everywhere.
 */
export function defaultClassColor(index: number): Rgb {
  const h = (index * 137.508) % 360;
  const s = 0.65;
  const l = index % 2 === 0 ? 0.5 : 0.4;
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
  return [f(0), f(8), f(4)];
}

/** A structural problem at a JSON path ("classes.1.color"); parseClassList adds the file name. */
class ShapeError extends Error {
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(problem);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isWhole = (v: unknown, min: number, max: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

function readName(v: unknown, where: string): string {
  const name = typeof v === "string" ? v.trim() : "";
  if (name.length === 0) throw new ShapeError(where, "class names must be non-empty strings");
  return name;
}

function readColor(v: unknown, where: string): Rgb {
  if (typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v)) {
    return [parseInt(v.slice(1, 3), 16), parseInt(v.slice(3, 5), 16), parseInt(v.slice(5, 7), 16)];
  }
  if (Array.isArray(v) && v.length === 3 && v.every((c) => isWhole(c, 0, 255))) return [v[0], v[1], v[2]];
  throw new ShapeError(where, COLOR_RULE);
}

/** An optional label (0..65535); null and absent both give null. */
function readLabel(v: unknown, where: string): number | null {
  if (v === undefined || v === null) return null;
  if (!isWhole(v, 0, MAX_LABEL)) throw new ShapeError(where, `must be a whole number from 0 to ${MAX_LABEL}`);
  return v;
}

interface Entry {
  name: string;
  color: Rgb | null;
  index: number | null;
}

/** Checks the JSON value's shape without zod (the CLI loads this module at start-up, where full zod costs ~30 ms). */
function readShape(raw: unknown): { entries: Entry[]; ignoreIndex: number | null; voidEntry: ClassList["voidEntry"]; named: boolean } {
  if (Array.isArray(raw)) {
    if (raw.length === 0) throw new ShapeError("root", "the class list is empty");
    return { entries: raw.map((v, i) => ({ name: readName(v, String(i)), color: null, index: null })), ignoreIndex: null, voidEntry: null, named: true };
  }
  if (!isObject(raw)) throw new ShapeError("root", "neither an array nor an object");
  if (!Array.isArray(raw.classes)) throw new ShapeError("classes", '"classes" must be an array of {"name", "color"?}');
  if (raw.classes.length === 0) throw new ShapeError("classes", "the class list is empty");
  const entries = raw.classes.map((c: unknown, i: number): Entry => {
    const where = `classes.${i}`;
    if (!isObject(c)) throw new ShapeError(where, 'each class must be an object {"name", "color"?}');
    if (c.index !== undefined && !isWhole(c.index, 0, Number.MAX_SAFE_INTEGER)) throw new ShapeError(`${where}.index`, "must be a whole number >= 0");
    return {
      name: readName(c.name, `${where}.name`),
      color: c.color === undefined ? null : readColor(c.color, `${where}.color`),
      index: (c.index as number | undefined) ?? null,
    };
  });
  const snakeIgnore = readLabel(raw.ignore_index, "ignore_index");
  const camelIgnore = readLabel(raw.ignoreIndex, "ignoreIndex");
  let voidEntry: ClassList["voidEntry"] = null;
  if (raw.void !== undefined && raw.void !== null) {
    if (!isObject(raw.void)) throw new ShapeError("void", 'must be an object {"index"?, "color"?}');
    voidEntry = { index: readLabel(raw.void.index, "void.index"), color: raw.void.color === undefined ? null : readColor(raw.void.color, "void.color") };
  }
  return { entries, ignoreIndex: snakeIgnore ?? camelIgnore, voidEntry, named: false };
}

/**
 * The first class name that repeats an earlier one, ignoring case (classes
 * are matched between models and datasets by name, so "Sky" and "sky" would
 * be the same class twice), or null when all are distinct.
 */
export function repeatedClassName(names: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (seen.has(key)) return name;
    seen.add(key);
  }
  return null;
}

/**
 * The one check of a class list's names (dataset imports, the CLI and every
 * way a model version is created): why the first bad name is refused,
 * naming it — a control character (U+0000–U+001F, U+007F: a line break
 * would break CSV rows and labels) or a name repeated ignoring case — or
 * null when all are fine. Names are compared as given (callers trim).
 */
export function classNamesProblem(names: readonly string[]): { name: string; reason: "control" | "repeated"; problem: string } | null {
  for (const name of names) {
    const control = controlCharacterIn(name);
    if (control) return { name, reason: "control", problem: `class name ${quoted(name)} contains ${control}; class names must be printable text.` };
  }
  const twice = repeatedClassName(names);
  if (twice !== null) return { name: twice, reason: "repeated", problem: `class name "${twice}" appears twice.` };
  return null;
}

/**
 * Parses a classes file: a JSON array of names in index order, or
 * `{"classes": [{"name", "color"?, "index"?}, …], "ignore_index"?: N,
 * "void"?: {"index"?, "color"?}}` (the layout of CamVid, VOC and ISIC
 * `classes.json`; other keys are ignored). Colours are `[r, g, b]` or
 * `"#rrggbb"`; classes without one get {@link defaultClassColor}. Indices, when
 * given, must be 0..n-1 in order; names are trimmed, unique (ignoring
 * case) and free of control characters ({@link classNamesProblem}); the ignore index (0..65535) must not be a class index. Pure and
 * zod-free, shared by dataset import and the `intersect` CLI. Errors are
 * AppError("invalid_input") naming the file.
 */
export function parseClassList(text: string, fileName = "classes file"): ClassList {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid_input", `${fileName}: not valid JSON (${(error as Error).message}).`);
  }
  let shape: ReturnType<typeof readShape>;
  try {
    shape = readShape(raw);
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new AppError("invalid_input", `${fileName}: ${SHAPE} (${error.where}: ${error.problem}).`);
  }
  const { entries, ignoreIndex } = shape;
  const bad = classNamesProblem(entries.map((c) => c.name));
  if (bad !== null) throw new AppError("invalid_input", `${fileName}: ${bad.problem}`);
  entries.forEach((c, i) => {
    if (c.index !== null && c.index !== i) {
      throw new AppError("invalid_input", `${fileName}: class "${c.name}" has index ${c.index}, expected ${i} (classes must be listed in index order 0..n-1).`);
    }
  });
  if (ignoreIndex !== null && ignoreIndex < entries.length) {
    throw new AppError("invalid_input", `${fileName}: ignore_index ${ignoreIndex} is also a class index (classes are 0..${entries.length - 1}).`);
  }
  const missingColors = entries.flatMap((c, i) => (c.color === null ? [i] : []));
  return {
    classes: entries.map((c, index) => ({ index, name: c.name, color: c.color ?? defaultClassColor(index) })),
    ignoreIndex,
    hasColors: !shape.named && missingColors.length === 0,
    missingColors,
    voidEntry: shape.voidEntry,
  };
}
