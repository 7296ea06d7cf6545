/**
 * Entry point of the `intersect` CLI. lib/tools/cli/intersect.mjs bundles this file
 * (and worker.ts) with esbuild and runs the bundle; `tsx lib/tools/cli/main.ts`
 * runs it from source.
 */
import { runCli } from "./run-cli";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
