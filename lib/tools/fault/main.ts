/**
 * `npm run -s fault -- [--iterations N] [--seed S] [--images N] [--pairs N]`:
 * kill -9 the evaluation worker (`npm run worker`'s entry) at a random image
 * and an admin import at a random moment, restart, and check that the
 * numbers equal an uninterrupted run, no image counts twice, and nothing is
 * left behind (staging rows, partial versions, orphan blobs, temp files).
 * Works in a new temp data folder; exit code 1 when anything is wrong.
 */
import { parseArgs } from "node:util";
import { runFaults } from "./run-faults";

const { values } = parseArgs({
  options: { iterations: { type: "string", default: "3" }, seed: { type: "string" }, images: { type: "string", default: "300" }, pairs: { type: "string", default: "2000" } },
});
const seed = values.seed ? Number(values.seed) : Date.now() % 1_000_000;
console.log(`fault run: seed ${seed}`);
const { problems } = await runFaults({
  iterations: Number(values.iterations),
  evalImages: Number(values.images),
  evalSize: 64,
  importPairs: Number(values.pairs),
  seed,
  log: (line) => console.log(line),
});
console.log(problems.length ? `FAILED:\n${problems.join("\n")}` : "passed");
process.exit(problems.length ? 1 : 0);
