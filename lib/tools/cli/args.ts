import { parseArgs } from "node:util";
import * as z from "zod/mini";
import { AppError } from "@/lib/core/errors";

/** Options of `intersect evaluate`, validated; file contents are not read yet. */
export interface EvaluateArgs {
  gt: string;
  pred: string;
  classesFile?: string;
  numClasses?: number;
  ignoreIndex?: number;
  perImage: boolean;
  /** False with --no-boundary: skip boundary IoU (reported as null), the costliest part on large masks. */
  boundary: boolean;
  format: "json" | "table";
}

export type Command = { kind: "help" } | { kind: "evaluate"; args: EvaluateArgs };

/** Largest label a 16-bit PNG can hold; class counts and ignore values above it cannot occur in a mask. */
const MAX_LABEL = 65535;

const wholeNumber = (flag: string, min: number, max: number) =>
  z.pipe(
    z.string().check(z.regex(/^\d+$/, `${flag} must be a whole number`)),
    z.transform(Number),
  ).check(z.refine((n: number) => n >= min && n <= max, `${flag} must be between ${min} and ${max}`));

const evaluateArgsSchema = z.object({
  gt: z.string({ error: "--gt DIR is required (the folder of ground-truth masks)" }).check(z.minLength(1, "--gt needs a folder")),
  pred: z.string({ error: "--pred DIR is required (the folder of predicted masks)" }).check(z.minLength(1, "--pred needs a folder")),
  classes: z.optional(z.string().check(z.minLength(1, "--classes needs a file"))),
  "num-classes": z.optional(wholeNumber("--num-classes", 1, MAX_LABEL + 1)),
  "ignore-index": z.optional(wholeNumber("--ignore-index", 0, MAX_LABEL)),
  "per-image": z.optional(z.boolean()),
  "no-boundary": z.optional(z.boolean()),
  format: z.optional(z.enum(["json", "table"], { error: "--format must be json or table" })),
});

const OPTIONS = {
  gt: { type: "string" },
  pred: { type: "string" },
  classes: { type: "string" },
  "num-classes": { type: "string" },
  "ignore-index": { type: "string" },
  "per-image": { type: "boolean" },
  "no-boundary": { type: "boolean" },
  format: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/**
 * Parses the command line (without `node` and the script path). `--help`/`-h`
 * or `help` anywhere gives the help command. Throws AppError("invalid_input")
 * with a one-line reason for anything a user typed wrong; the caller maps it
 * to exit code 2.
 */
export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new AppError("invalid_input", `${oneLine(error instanceof Error ? error.message : String(error))} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === "help") return { kind: "help" };
  if (positionals.length === 0) throw new AppError("invalid_input", "missing command: use `intersect evaluate --gt DIR --pred DIR ...` (see --help)");
  if (positionals[0] !== "evaluate") throw new AppError("invalid_input", `unknown command "${positionals[0]}": the only command is evaluate (see --help)`);
  if (positionals.length > 1) throw new AppError("invalid_input", `unexpected argument "${positionals[1]}" (see --help)`);

  const { help: _help, ...flags } = values;
  const result = evaluateArgsSchema.safeParse(flags);
  if (!result.success) throw new AppError("invalid_input", `${result.error.issues[0]?.message ?? "invalid arguments"} (see --help)`);
  const v = result.data;
  if (v.classes === undefined && v["num-classes"] === undefined) {
    throw new AppError("invalid_input", "give the class list: --classes FILE or --num-classes N (see --help)");
  }
  return {
    kind: "evaluate",
    args: {
      gt: v.gt,
      pred: v.pred,
      classesFile: v.classes,
      numClasses: v["num-classes"],
      ignoreIndex: v["ignore-index"],
      perImage: v["per-image"] ?? false,
      boundary: !(v["no-boundary"] ?? false),
      format: v.format ?? "json",
    },
  };
}

/** Collapses whitespace so that every error stays on one line of stderr. */
export function oneLine(message: string): string {
  return message.replace(/\s+/g, " ").trim();
}
