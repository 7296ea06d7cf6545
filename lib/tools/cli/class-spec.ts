import type { ClassList } from "@/lib/core/classes/class-list";
import { AppError } from "@/lib/core/errors";
import type { Rgb } from "@/lib/core/masks";

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

export interface ClassSpecInput {
  /** The `--classes` file as parsed by parseClassList (lib/server/datasets/classes.ts, the app's parser). */
  file?: { name: string; content: ClassList };
  numClasses?: number;
  ignoreIndex?: number;
}

/**
 * Combines the flags into one class list. `--num-classes` alone names classes
 * "class 0".."class N-1"; with a file it must agree with the file's count.
 * `--ignore-index` overrides the file's `ignore_index`, which falls back to
 * its `void.index`. The ignore index must not be a class index. Colours are
 * used only when every class has one: the CLI refuses a file that colours
 * some classes but not all (the app would fill in default colours), because
 * RGB masks could not be decoded. Throws AppError("invalid_input").
 */
export function resolveClassSpec(input: ClassSpecInput): ClassSpec {
  const { file } = input;
  let names: string[];
  let colors: Rgb[] | undefined;
  let fileIgnore: number | null = null;
  let voidColor: Rgb | undefined;
  if (file) {
    const list = file.content;
    names = list.classes.map((c) => c.name);
    const missing = list.missingColors;
    if (missing.length > 0 && missing.length < names.length) {
      throw new AppError("invalid_input", `${file.name}: class ${missing[0]} ("${names[missing[0]]}") has no colour; give a colour for every class or for none`);
    }
    if (missing.length === 0) colors = list.classes.map((c) => c.color);
    fileIgnore = list.ignoreIndex ?? list.voidEntry?.index ?? null;
    voidColor = list.voidEntry?.color ?? undefined;
    if (input.numClasses !== undefined && input.numClasses !== names.length) {
      throw new AppError("invalid_input", `--num-classes ${input.numClasses} disagrees with ${file.name}, which lists ${names.length} classes`);
    }
  } else if (input.numClasses !== undefined) {
    names = Array.from({ length: input.numClasses }, (_, i) => `class ${i}`);
  } else {
    throw new AppError("invalid_input", "give the class list: --classes FILE or --num-classes N");
  }
  const ignoreIndex = input.ignoreIndex ?? fileIgnore;
  if (ignoreIndex !== null && ignoreIndex < names.length) {
    throw new AppError("invalid_input", `ignore index ${ignoreIndex} is a class index (classes are 0..${names.length - 1}); use a value >= ${names.length}, e.g. 255`);
  }
  return { names, colors, ignoreIndex, voidColor: ignoreIndex === null ? undefined : voidColor };
}
