import path from "node:path";
import { pathToFileURL } from "node:url";
import { AppError } from "@/lib/core/errors";
import { writeSampleDataset } from "./write-sample-dataset";

const USAGE = "usage: npx tsx lib/tools/sample-data/main.ts --out DIR [--archive zip|tar.gz] [--count N]";

/** Parses the CLI flags; throws AppError with the usage line on anything unexpected. */
export function parseSampleDataArgs(argv: readonly string[]): { out: string; archive?: "zip" | "tar.gz"; count?: number } {
  const args: { out?: string; archive?: "zip" | "tar.gz"; count?: number } = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === "--out" && value) args.out = path.resolve(value);
    else if (flag === "--archive" && (value === "zip" || value === "tar.gz")) args.archive = value;
    else if (flag === "--count" && /^\d+$/.test(value ?? "") && Number(value) > 0) args.count = Number(value);
    else throw new AppError("invalid_input", `${flag}: unexpected argument. ${USAGE}`);
    i++;
  }
  if (!args.out) throw new AppError("invalid_input", `--out is required. ${USAGE}`);
  return { out: args.out, archive: args.archive, count: args.count };
}

async function main(): Promise<void> {
  if (process.argv.slice(2).some((a) => a === "--help" || a === "-h")) {
    console.log(`${USAGE}\nWrites a small street-scene dataset (images/, masks/, classes.json, tags.json) and predictions/ to DIR; --archive also packs it.`);
    return;
  }
  const args = parseSampleDataArgs(process.argv.slice(2));
  const { files, archive } = await writeSampleDataset(args);
  console.log(`Wrote ${files.length} files to ${args.out}${archive ? ` and ${archive}` : ""}.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof AppError ? error.message : error);
    process.exit(1);
  });
}
