import { parseClassList, type Rgb } from "@/lib/core/classes/class-list";
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
 * `labelmap.txt` (`name:r,g,b::` lines), or plain text with one name per
 * line. Colours the file gives are kept. Throws AppError naming the file when
 * a JSON or labelmap file is not valid.
 */
export function readClassFile(text: string, fileName: string): ClassDraft {
  const trimmed = text.trim();
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
