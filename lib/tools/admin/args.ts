import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { z } from "zod";
import { AppError } from "@/lib/core/errors";
import type { Db } from "@/lib/server/db/client";
import type { BlobStore } from "@/lib/server/storage/blob-store";
import { NAME_MAX_LENGTH, refineName } from "@/lib/contracts/app-input";

/** What every admin command works on; `main` wires the production ones, tests pass a temp database and store. */
export interface AdminDeps {
  db: Db;
  store: BlobStore;
}

/** The result of one command line: the exit code and the text for stdout and stderr. */
export interface AdminOutcome {
  exitCode: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

/** One `admin` sub-command, type-erased so that the dispatcher can hold a list of them. */
export interface AdminCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** Parses `argv` (the words after the command name); unless it is a usage error or `--help`, gets the deps and runs. */
  invoke(argv: readonly string[], getDeps: () => Promise<AdminDeps>): Promise<AdminOutcome>;
}

export interface CommandSpec<T> {
  name: string;
  summary: string;
  help: string;
  /** `parseArgs` options, all flags long; `--help`/`-h` is added. */
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Checks the parsed flag values (kebab-case keys) and shapes them into the command's input. */
  schema: z.ZodType<T>;
  /** Does the work and returns the summary printed on success. */
  run(input: T, deps: AdminDeps): Promise<string>;
}

/** Collapses any message to one line, as the command line promises. */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ").trim();
}

/** Whether `message` ("what: part; part") has `part` as one of its "; "-separated parts. */
const saysPart = (message: string, part: string) => message === part || message.slice(message.indexOf(": ") + 2).split("; ").includes(part);

/** A one-line error for stderr from anything thrown: AppError messages as they are, field errors appended. */
export function describeError(error: unknown): string {
  if (error instanceof AppError) {
    // Field errors the message already says (e.g. a config's unknown keys) are not repeated.
    const fields = Object.entries(error.fieldErrors ?? {})
      .map(([field, messages]) => [field, messages.filter((m) => !saysPart(error.message, m))] as const)
      .filter(([, messages]) => messages.length > 0)
      .map(([field, messages]) => `--${field}: ${messages.join(", ")}`);
    return oneLine(fields.length ? `${error.message} ${fields.join("; ")}` : error.message);
  }
  return oneLine(error instanceof Error ? error.message : String(error));
}

const usage = (command: string, message: string): AdminOutcome => ({
  exitCode: 2,
  stdout: "",
  stderr: `error: ${oneLine(message)} (see: npm run -s admin -- ${command} --help)\n`,
});

/**
 * Builds a command from its spec. Exit codes: 0 success, 2 usage error
 * (unknown flag, missing or malformed value), 1 anything that went wrong with
 * the data (AppError or otherwise). `--help`/`-h` anywhere prints the help.
 */
export function defineCommand<T>(spec: CommandSpec<T>): AdminCommand {
  return {
    name: spec.name,
    summary: spec.summary,
    help: spec.help,
    async invoke(argv, getDeps) {
      if (argv.includes("--help") || argv.includes("-h")) return { exitCode: 0, stdout: `${spec.help.trimEnd()}\n`, stderr: "" };
      let values: Record<string, unknown>;
      try {
        values = parseArgs({ args: [...argv], options: spec.options, strict: true, allowPositionals: false }).values;
      } catch (error) {
        return usage(spec.name, error instanceof Error ? error.message : String(error));
      }
      const parsed = spec.schema.safeParse(values);
      if (!parsed.success) {
        return usage(spec.name, parsed.error.issues[0]?.message ?? "invalid arguments");
      }
      try {
        const summary = await spec.run(parsed.data, await getDeps());
        return { exitCode: 0, stdout: `${summary.trimEnd()}\n`, stderr: "" };
      } catch (error) {
        return { exitCode: 1, stdout: "", stderr: `error: ${describeError(error)}\n` };
      }
    },
  };
}

/**
 * A path typed by the user, made usable from the process's working folder.
 * `npm run` moves to the package root and keeps the caller's folder in
 * `INIT_CWD`; relative paths are meant relative to the caller's folder.
 */
export function resolveUserPath(input: string, initCwd = process.env.INIT_CWD): string {
  if (!initCwd || path.isAbsolute(input)) return input;
  const relative = path.relative(process.cwd(), path.resolve(initCwd, input));
  return relative === "" ? "." : relative;
}

/** `--flag VALUE` that must be present and non-empty. */
export const requiredString = (flag: string, what: string) =>
  z.string({ error: `--${flag} ${what} is required` }).trim().min(1, `--${flag} needs a value`);

/** A name of an app, dataset, model or token: 1 to the web form's limit for that kind (NAME_MAX_LENGTH) after trimming. */
export const nameFlag = (flag: string, kind: keyof typeof NAME_MAX_LENGTH) =>
  requiredString(flag, "NAME")
    .max(NAME_MAX_LENGTH[kind], `--${flag} must be at most ${NAME_MAX_LENGTH[kind]} characters`)
    .superRefine(refineName(`--${flag}: `));

/** The user's email, trimmed and lower-cased as stored. */
export const emailFlag = z
  .string({ error: "--email E is required (the user's email)" })
  .trim()
  .toLowerCase()
  .pipe(z.email("--email must be an email address"));

/** A file or folder path, resolved against the caller's folder. */
export const pathFlag = (flag: string, what: string) => requiredString(flag, what).transform((p) => resolveUserPath(p));

/** A whole number ≥ 1 given as text. */
export const positiveIntFlag = (flag: string) =>
  z
    .string()
    .regex(/^\d+$/, `--${flag} must be a whole number`)
    .transform(Number)
    .refine((n) => n >= 1 && Number.isSafeInteger(n), `--${flag} must be 1 or more`);
