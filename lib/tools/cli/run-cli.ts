import { readFileSync, statSync } from "node:fs";
import { parseClassList, type ClassList } from "@/lib/core/classes/class-list";
import { AppError } from "@/lib/core/errors";
import { oneLine, parseCommand, type EvaluateArgs } from "./args";
import { resolveClassSpec, type ClassSpec } from "./class-spec";
import { evaluateFolders } from "./evaluate";
import { USAGE } from "./help";
import { formatTable, toJsonReport } from "./report";

/** Exit codes: success, data error (a mask or folder content is wrong), usage error (flags or the classes file). */
export const EXIT_OK = 0;
export const EXIT_DATA_ERROR = 1;
export const EXIT_USAGE_ERROR = 2;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Reads the class list named by the flags; every failure here is a usage error. */
function loadClassSpec(args: EvaluateArgs): ClassSpec {
  let file: { name: string; content: ClassList } | undefined;
  if (args.classesFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(args.classesFile, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new AppError("invalid_input", `${args.classesFile}: ${code === "ENOENT" ? "no such file" : "cannot read the file"} (--classes)`);
    }
    file = { name: args.classesFile, content: parseClassList(text, args.classesFile) };
  }
  return resolveClassSpec({ file, numClasses: args.numClasses, ignoreIndex: args.ignoreIndex });
}

/** A folder flag that names no folder is a usage error, caught before any work starts. */
function checkFolder(dir: string, flag: string): void {
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) throw new AppError("invalid_input", `${dir}: no such folder (${flag})`);
  if (!stat.isDirectory()) throw new AppError("invalid_input", `${dir}: not a folder (${flag})`);
}

function describe(error: unknown): string {
  if (error instanceof AppError) return oneLine(error.message);
  return `internal error: ${oneLine(error instanceof Error ? error.message : String(error))}`;
}

/**
 * Runs the CLI with argv (without node and script) and returns the exit
 * code: 0 success, 1 data error, 2 usage error. Output goes through io.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: EvaluateArgs;
  let classes: ClassSpec;
  try {
    const command = parseCommand(argv);
    if (command.kind === "help") {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    args = command.args;
    checkFolder(args.gt, "--gt");
    checkFolder(args.pred, "--pred");
    classes = loadClassSpec(args);
  } catch (error) {
    io.stderr(`intersect: ${describe(error)}\n`);
    return EXIT_USAGE_ERROR;
  }
  try {
    const evaluation = await evaluateFolders({ gtDir: args.gt, predDir: args.pred, classes, boundary: args.boundary });
    const report = toJsonReport(evaluation, { perImage: args.perImage });
    io.stdout(args.format === "table" ? formatTable(report) : JSON.stringify(report) + "\n");
    return EXIT_OK;
  } catch (error) {
    io.stderr(`intersect: ${describe(error)}\n`);
    return EXIT_DATA_ERROR;
  }
}
