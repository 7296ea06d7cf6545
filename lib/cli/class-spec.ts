import * as z from "zod/mini";
import { AppError } from "@/lib/errors";
import type { Rgb } from "@/lib/masks";

export type { Rgb };

/** The class list an evaluation runs with, after `--classes`, `--num-classes` and `--ignore-index` are combined. */
export interface ClassSpec {
  names: string[];
  /** Class index -> colour, present only when the classes file gives a colour for every class. */
  colors?: Rgb[];
  /** Ground-truth value that counts nowhere, or null when none was given. */
  ignoreIndex: number | null;
  /** Colour of void pixels in RGB masks (decoded to ignoreIndex), from the file's optional `void.color`. */
  voidColor?: Rgb;
}

type ColorInput = readonly [number, number, number] | string;

const isChannel = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 255;
const isColor = (v: unknown): v is ColorInput =>
  (typeof v === "string" && /^#[0-9a-fA-F]{6}$/.test(v)) || (Array.isArray(v) && v.length === 3 && v.every(isChannel));

const colorSchema = z.custom<ColorInput>(isColor, { error: 'colours are [r, g, b] with whole numbers 0..255 or "#rrggbb"' });
const LABEL_RANGE = "must be a whole number from 0 to 65535";
const label = z.number({ error: LABEL_RANGE }).check(z.int(LABEL_RANGE), z.gte(0, LABEL_RANGE), z.lte(65535, LABEL_RANGE));
const nameSchema = z.string({ error: "class names must be strings" }).check(z.minLength(1, "class names must not be empty"));

const namesSchema = z.array(nameSchema).check(z.minLength(1, "the class list is empty"));
const objectSchema = z.object({
  classes: z.array(z.object({ name: nameSchema, color: z.optional(colorSchema) }), { error: '"classes" must be an array of {"name", "color"?}' }).check(
    z.minLength(1, "the class list is empty"),
  ),
  ignore_index: z.optional(label),
  void: z.optional(z.object({ index: z.optional(label), color: z.optional(colorSchema) })),
});

/** A parsed classes file: a JSON array of names in index order, or an object with classes (and optionally ignore_index / void). */
export type ClassesFile = z.infer<typeof namesSchema> | z.infer<typeof objectSchema>;

/** Turns "#rrggbb" or [r, g, b] into an Rgb triple. */
export function toRgb(color: ColorInput): Rgb {
  if (typeof color !== "string") return [color[0], color[1], color[2]];
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Parses the text of a `--classes` file. Unknown keys (e.g. `index`, extra
 * colour variants in a dataset's classes.json) are ignored. Throws
 * AppError("invalid_input") naming the file and the first problem.
 */
export function parseClassesFile(text: string, fileName: string): ClassesFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError("invalid_input", `${fileName}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (json === null || typeof json !== "object") {
    throw new AppError("invalid_input", `${fileName}: expected a JSON array of class names or {"classes": [{"name": ..., "color"?: ...}], "ignore_index"?: N}`);
  }
  const result = Array.isArray(json) ? namesSchema.safeParse(json) : objectSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new AppError("invalid_input", `${fileName}: ${where}${issue?.message ?? "invalid class list"}`);
  }
  return result.data;
}

export interface ClassSpecInput {
  file?: { name: string; content: ClassesFile };
  numClasses?: number;
  ignoreIndex?: number;
}

/**
 * Combines the flags into one class list. `--num-classes` alone names classes
 * "class 0".."class N-1"; with a file it must agree with the file's count.
 * `--ignore-index` overrides the file's `ignore_index` (or `void.index`).
 * The ignore index must not be a class index. Colours are used only when
 * every class has one.
 */
export function resolveClassSpec(input: ClassSpecInput): ClassSpec {
  const { file } = input;
  let names: string[];
  let colors: Rgb[] | undefined;
  let fileIgnore: number | undefined;
  let voidColor: Rgb | undefined;
  if (file) {
    const content = file.content;
    if (Array.isArray(content)) {
      names = [...content];
    } else {
      names = content.classes.map((c) => c.name);
      const withColor = content.classes.filter((c) => c.color !== undefined).length;
      if (withColor > 0 && withColor < content.classes.length) {
        const missing = content.classes.findIndex((c) => c.color === undefined);
        throw new AppError("invalid_input", `${file.name}: class ${missing} ("${content.classes[missing].name}") has no colour; give a colour for every class or for none`);
      }
      if (withColor > 0) colors = content.classes.map((c) => toRgb(c.color!));
      fileIgnore = content.ignore_index ?? content.void?.index;
      if (content.void?.color !== undefined) voidColor = toRgb(content.void.color);
    }
    if (input.numClasses !== undefined && input.numClasses !== names.length) {
      throw new AppError("invalid_input", `--num-classes ${input.numClasses} disagrees with ${file.name}, which lists ${names.length} classes`);
    }
  } else if (input.numClasses !== undefined) {
    names = Array.from({ length: input.numClasses }, (_, i) => `class ${i}`);
  } else {
    throw new AppError("invalid_input", "give the class list: --classes FILE or --num-classes N");
  }
  const ignoreIndex = input.ignoreIndex ?? fileIgnore ?? null;
  if (ignoreIndex !== null && ignoreIndex < names.length) {
    throw new AppError("invalid_input", `ignore index ${ignoreIndex} is a class index (classes are 0..${names.length - 1}); use a value >= ${names.length}, e.g. 255`);
  }
  return { names, colors, ignoreIndex, voidColor: ignoreIndex === null ? undefined : voidColor };
}
