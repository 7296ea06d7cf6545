/**
 * `npm run -s admin -- <command> [flags]`: getting users, apps, datasets and
 * model predictions into Intersect from the command line. Uses the same
 * database and blob store as the server (`DATA_DIR`, `DATABASE_URL`) and
 * applies pending migrations first, so it also works on a fresh install.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { getPrisma } from "@/lib/server/db/client";
import { getEnv } from "@/lib/server/env";
import { getBlobStore } from "@/lib/server/storage/blob-store";
import { applyMigrations } from "@/prisma/migrate";
import type { AdminCommand, AdminDeps, AdminOutcome } from "./args";
import { createAppCommand } from "./create-app";
import { createModelVersionCommand } from "./create-model-version";
import { createTokenCommand } from "./create-token";
import { createUserCommand } from "./create-user";
import { exportDemoModelCommand } from "./export-demo-model";
import { importDatasetCommand } from "./import-dataset";
import { listCommand } from "./list";
import { recountClassPixelsCommand } from "./recount-class-pixels";
import { sweepCommand } from "./sweep";

/** Every admin command, in the order the help lists them. */
export const ADMIN_COMMANDS: readonly AdminCommand[] = [
  createUserCommand,
  createTokenCommand,
  createAppCommand,
  importDatasetCommand,
  createModelVersionCommand,
  exportDemoModelCommand,
  listCommand,
  sweepCommand,
  recountClassPixelsCommand,
];

/** The top-level help: every command with its flags. */
export function adminHelp(): string {
  return [
    "Usage: npm run -s admin -- <command> [flags]     (each command has --help)",
    "",
    "Commands:",
    ...ADMIN_COMMANDS.map((c) => `  ${c.summary}`),
    "",
    "Works on the database and blobs of DATA_DIR (default ./data) or DATABASE_URL, as the server does.",
    "Exit codes: 0 done, 1 bad data (the message names the file and the problem), 2 bad command line.",
  ].join("\n");
}

/**
 * Runs one admin command line (the words after `admin`) and returns what to
 * print and the exit code. `getDeps` is only called once the flags are valid,
 * so `--help` and usage errors never touch the database.
 */
export async function runAdmin(argv: readonly string[], getDeps: () => Promise<AdminDeps>): Promise<AdminOutcome> {
  const [name, ...rest] = argv;
  if (name === undefined) return { exitCode: 2, stdout: "", stderr: `error: missing command\n\n${adminHelp()}\n` };
  if (name === "help" || name === "--help" || name === "-h") return { exitCode: 0, stdout: `${adminHelp()}\n`, stderr: "" };
  const command = ADMIN_COMMANDS.find((c) => c.name === name);
  if (!command) {
    const known = ADMIN_COMMANDS.map((c) => c.name).join(", ");
    return { exitCode: 2, stdout: "", stderr: `error: unknown command "${name}" (commands: ${known}; see: npm run -s admin -- --help)\n` };
  }
  return command.invoke(rest, getDeps);
}

async function main(): Promise<void> {
  let deps: AdminDeps | undefined;
  const outcome = await runAdmin(process.argv.slice(2), async () => {
    await applyMigrations({ databaseUrl: getEnv().DATABASE_URL });
    deps = { db: getPrisma(), store: getBlobStore() };
    return deps;
  });
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  await deps?.db.$disconnect();
  process.exitCode = outcome.exitCode;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
