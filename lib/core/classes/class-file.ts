import { defaultClassColor, parseClassList, type Rgb } from "@/lib/core/classes/class-list";
import { AppError } from "@/lib/core/errors";
import { parseLabelmap } from "@/lib/core/import/class-sources";

/** A class list on the new-version form: names in output order, and the colours known for some of them (by lower-case name). */
export interface ClassDraft {
  names: string[];
  colors: Record<string, Rgb>;
}

const key = (name: string) => name.trim().toLowerCase();

/** The colours of the classes that have one, by lower-case name (a class list's colours, as a ClassDraft keeps them). */
export function colorsByName(classes: readonly { name: string; color?: Rgb | null }[]): Record<string, Rgb> {
  return Object.fromEntries(classes.flatMap((c) => (c.color ? [[key(c.name), c.color]] : [])));
}
const LABELMAP_LINE = /^[^:#][^:]*:\s*\d+\s*,\s*\d+\s*,\s*\d+\s*(:|$)/;
const LABELMAP_HEADER = /^#\s*label\s*:\s*color_rgb/i;

/**
 * Reads a class file chosen on the form with the server's own parsers: a
 * `classes.json` (a list of names, or `{classes: [{name, color}]}`), a CVAT
 * `labelmap.txt` (`name:r,g,b::` lines), a CSV with a `name` (and r, g, b)
 * header, or plain text with one name per line. Colours the file gives are kept. Throws AppError naming the file when
 * a JSON or labelmap file is not valid.
 */
export function readClassFile(text: string, fileName: string): ClassDraft {
  const trimmed = text.trim();
  // A binary file (a model, an image) chosen by mistake: its bytes would become class names.
  if (isBinary(trimmed)) throw new AppError("invalid_input", `${fileName}: not a text file; choose a classes.json, a labelmap.txt or a list of names.`);
  if (/\.csv$/i.test(fileName)) return readClassCsv(trimmed, fileName);
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    const list = parseClassList(text, fileName);
    const missing = new Set(list.missingColors);
    return { names: list.classes.map((c) => c.name), colors: colorsByName(list.classes.filter((c) => !missing.has(c.index))) };
  }
  const all = trimmed.split(/\r?\n/).map((l) => l.trim());
  const lines = all.filter((l) => l !== "" && !l.startsWith("#"));
  // A labelmap by its name, its CVAT header line or any "name:r,g,b" line: then parseLabelmap names a bad line rather than it becoming a class name.
  if (/(^|[\\/])labelmap\.txt$/i.test(fileName) || all.some((l) => LABELMAP_HEADER.test(l)) || lines.some((l) => LABELMAP_LINE.test(l))) {
    const classes = parseLabelmap(text, fileName);
    return { names: classes.map((c) => c.name), colors: colorsByName(classes) };
  }
  return { names: lines, colors: {} };
}

/** A control character other than tab, line feed, form feed and carriage return, or a replacement character (bytes that were not UTF-8). */
function isBinary(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) return true;
  }
  return false;
}

/**
 * A CSV class list with a header naming its columns: `name` (required) and,
 * optionally, `r`, `g`, `b` (e.g. CamVid's class_dict.csv). Plain commas, no
 * quoting. Throws AppError naming the file and the line.
 */
function readClassCsv(text: string, fileName: string): ClassDraft {
  const [header = "", ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const columns = header.split(",").map((c) => c.trim().toLowerCase());
  const at = (name: string) => columns.indexOf(name);
  if (at("name") < 0) throw new AppError("invalid_input", `${fileName}: a CSV class list needs a header line with a "name" column (and optionally r, g, b).`);
  const rgb = ["r", "g", "b"].map(at);
  const withColor = rgb.every((i) => i >= 0);
  const names: string[] = [];
  const colors: Record<string, Rgb> = {};
  rows.forEach((row, k) => {
    const cells = row.split(",").map((c) => c.trim());
    const name = cells[at("name")] ?? "";
    if (name === "") throw new AppError("invalid_input", `${fileName}, line ${k + 2}: no class name.`);
    names.push(name);
    if (!withColor) return;
    const color = rgb.map((i) => Number(cells[i]));
    if (!color.every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) throw new AppError("invalid_input", `${fileName}, line ${k + 2}: r, g, b must be whole numbers 0–255.`);
    colors[key(name)] = color as unknown as Rgb;
  });
  return { names, colors };
}

/**
 * The `classes` field the form sends: a JSON list of names, or, when colours
 * are known for some names (read from a file or copied from a dataset
 * version), `{"classes": [{"name", "color"?}]}` so they are kept.
 */
export function classesField({ names, colors }: ClassDraft): string {
  if (!names.some((n) => colors[key(n)])) return JSON.stringify(names);
  return JSON.stringify({ classes: names.map((name) => (colors[key(name)] ? { name, color: colors[key(name)] } : { name })) });
}

/**
 * The names typed or pasted in the Classes box: read like a class file
 * (a JSON list or classes.json, labelmap lines, one name per line), and when
 * that fails (e.g. half-typed JSON) simply one name per line.
 */
export function namesFromText(text: string): string[] {
  try {
    return readClassFile(text, "the class list").names;
  } catch {
    return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  }
}

/**
 * A draft as a class list in output order: each class with the colour the
 * file gave it, else the default colour of its index (defaultClassColor).
 */
export function classEntriesOf({ names, colors }: ClassDraft): { index: number; name: string; color: Rgb }[] {
  return names.map((name, index) => ({ index, name, color: colors[key(name)] ?? defaultClassColor(index) }));
}
