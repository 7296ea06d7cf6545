import { z } from "zod";
import { AppError } from "@/lib/errors";

export type Rgb = [number, number, number];

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
}

const channel = z.number().int().min(0).max(255);
const colorSchema = z.union([
  z.tuple([channel, channel, channel]),
  z.string().regex(/^#[0-9a-fA-F]{6}$/, "colour must be [r, g, b] or \"#rrggbb\""),
]);
const classEntrySchema = z.object({ index: z.number().int().min(0).optional(), name: z.string().trim().min(1), color: colorSchema.optional() });
const ignoreSchema = z.number().int().min(0).max(65535).nullable().optional();
const classesFileSchema = z.union([
  z.array(z.string().trim().min(1)).min(1),
  z.object({ classes: z.array(classEntrySchema).min(1), ignore_index: ignoreSchema, ignoreIndex: ignoreSchema }),
]);

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

function toRgb(color: z.infer<typeof colorSchema>): Rgb {
  if (typeof color !== "string") return [color[0], color[1], color[2]];
  return [parseInt(color.slice(1, 3), 16), parseInt(color.slice(3, 5), 16), parseInt(color.slice(5, 7), 16)];
}

/**
 * Parses a classes file: a JSON array of names in index order, or
 * `{"classes": [{"name", "color"?, "index"?}, …], "ignore_index"?: N}` (the
 * layout of CamVid, VOC and ISIC `classes.json`). Indices, when given, must
 * be 0..n-1 in order. Errors name the file.
 */
export function parseClassList(text: string, fileName = "classes file"): ClassList {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid_input", `${fileName}: not valid JSON (${(error as Error).message}).`);
  }
  const parsed = classesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      "invalid_input",
      `${fileName}: expected a JSON array of class names or {"classes": [{"name", "color"?}], "ignore_index"?} (${issue?.path.join(".") || "root"}: ${issue?.message}).`,
    );
  }
  const data = parsed.data;
  const names = new Set<string>();
  for (const name of Array.isArray(data) ? data : data.classes.map((c) => c.name)) {
    const key = name.toLowerCase();
    if (names.has(key)) throw new AppError("invalid_input", `${fileName}: class name "${name}" appears twice.`);
    names.add(key);
  }
  if (Array.isArray(data)) {
    return { classes: data.map((name, index) => ({ index, name, color: defaultClassColor(index) })), ignoreIndex: null, hasColors: false };
  }
  data.classes.forEach((c, i) => {
    if (c.index !== undefined && c.index !== i) {
      throw new AppError("invalid_input", `${fileName}: class "${c.name}" has index ${c.index}, expected ${i} (classes must be listed in index order 0..n-1).`);
    }
  });
  const ignoreIndex = data.ignore_index ?? data.ignoreIndex ?? null;
  if (ignoreIndex !== null && ignoreIndex < data.classes.length) {
    throw new AppError("invalid_input", `${fileName}: ignore_index ${ignoreIndex} is also a class index (classes are 0..${data.classes.length - 1}).`);
  }
  return {
    classes: data.classes.map((c, index) => ({ index, name: c.name, color: c.color ? toRgb(c.color) : defaultClassColor(index) })),
    ignoreIndex,
    hasColors: data.classes.every((c) => c.color !== undefined),
  };
}
